//! Yorisoi's safety classifier: text in, verdict out. No I/O, no async.
#![forbid(unsafe_code)]
