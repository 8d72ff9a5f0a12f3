//! The `yorisoi` binary: a thin shell over [`yorisoi::cli`].
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    yorisoi::cli::main()
}
