//! The `yorisoi` command line: `serve`, `migrate`, `admin create`, `moderate`.
//! Each subcommand is a thin shell over the library.

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::bus::local::LocalBus;
use crate::config::{ConfigError, DatabaseArgs, LogFormat, ServeArgs};
use crate::staff::service::{NewAccount, StaffService};
use crate::staff::session::random_token;
use crate::staff::throttle::SignInThrottle;
use crate::staff::Role;
use crate::{demo, server, store};

/// Yorisoi (寄り添い): anonymous consultation chat for teenagers and young carers.
///
/// Every setting can be given as a flag or as the environment variable shown
/// in brackets. With no settings at all, `yorisoi serve` keeps its data in
/// ./data/yorisoi.db, fans out in-process and listens on 127.0.0.1:8080.
#[derive(Parser)]
#[command(name = "yorisoi", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (applies database migrations first).
    Serve(Box<ServeArgs>),
    /// Apply database migrations and exit.
    Migrate(DatabaseArgs),
    /// Manage staff accounts from the command line.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Classify messages: one per line on standard input, one JSON verdict per
    /// line on standard output (categories, severity, action, spans).
    Moderate {
        /// Whose policy decides the action: `counseling` (1:1 chats) or `salon` (peer rooms).
        #[arg(long, default_value = "counseling")]
        context: moderation::Context,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator account (the first one, or a rescue account).
    Create {
        /// Sign-in name (3–32 characters of a-z 0-9 - _ .).
        #[arg(long)]
        username: String,
        /// Name shown to colleagues.
        #[arg(long, default_value = "管理者")]
        display_name: String,
        /// Read the password from the first line of standard input instead of
        /// generating one (at least 10 characters).
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(&format!("cannot start the async runtime: {error}")),
    };
    runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => serve(*args).await,
            Command::Migrate(args) => migrate(args).await,
            Command::Admin {
                command:
                    AdminCommand::Create {
                        username,
                        display_name,
                        password_stdin,
                        database,
                    },
            } => create_admin(username, display_name, password_stdin, database).await,
            Command::Moderate { context } => moderate(context),
        }
    })
}

async fn serve(args: ServeArgs) -> ExitCode {
    let mut config = match args.validate() {
        Ok(config) => config,
        Err(error) => return config_failure(&error),
    };
    init_logging(&config.log, config.log_format);
    let listener = match tokio::net::TcpListener::bind(config.bind).await {
        Ok(listener) => listener,
        Err(error) => {
            return fail(&format!(
                "cannot listen on {} (YORISOI_BIND): {error}",
                config.bind
            ))
        }
    };
    // With port 0 the system picks the port: report the real one.
    let bound = listener.local_addr().unwrap_or(config.bind);
    if config.origins_from_bind {
        config.public_origins = crate::config::default_origins(bound);
    }
    let app = match server::build(&config).await {
        Ok(app) => app,
        Err(error) => return fail(&format!("{error:#}")),
    };
    if config.demo {
        match demo::seed(&app).await {
            Ok(accounts) => print_demo_accounts(&accounts),
            Err(error) => return fail(&format!("demo data: {error:#}")),
        }
    }
    tracing::info!(bind = %bound, database = ?config.database.url, redis = ?config.redis_url, "yorisoi is serving");
    eprintln!("yorisoi: serving on http://{bound}/ (admin page: http://{bound}/admin/)");
    match server::run(listener, app, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&format!("server stopped: {error}")),
    }
}

async fn migrate(args: DatabaseArgs) -> ExitCode {
    let config = match args.validate() {
        Ok(config) => config,
        Err(error) => return config_failure(&error),
    };
    let result = async {
        let store = store::connect(&config).await?;
        store.migrate().await
    }
    .await;
    match result {
        Ok(()) => {
            eprintln!("yorisoi: database is up to date");
            ExitCode::SUCCESS
        }
        Err(error) => fail(&format!("database migration: {error}")),
    }
}

async fn create_admin(
    username: String,
    display_name: String,
    password_stdin: bool,
    database: DatabaseArgs,
) -> ExitCode {
    let config = match database.validate() {
        Ok(config) => config,
        Err(error) => return config_failure(&error),
    };
    let (password, generated) = if password_stdin {
        let mut line = String::new();
        if let Err(error) = std::io::stdin().lock().read_line(&mut line) {
            return fail(&format!(
                "cannot read the password from standard input: {error}"
            ));
        }
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (random_token()[..20].to_owned(), true)
    };
    let result = async {
        let store = store::connect(&config).await?;
        store.migrate().await?;
        let staff = StaffService::new(
            store,
            Arc::new(LocalBus::default()),
            1,
            SignInThrottle::default(),
        );
        let new = NewAccount {
            username,
            display_name,
            role: Role::Admin,
            organisation_id: None,
            password: password.clone(),
        };
        Ok::<_, anyhow::Error>(staff.create_account(None, new).await?)
    }
    .await;
    match result {
        Ok(account) => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "created administrator {}", account.username);
            if generated {
                let _ = writeln!(out, "password: {password}");
                let _ = writeln!(out, "(shown once; sign in at /admin/ and keep it safe)");
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail(&format!("{error:#}")),
    }
}

fn moderate(context: moderation::Context) -> ExitCode {
    let (stdin, stdout) = (std::io::stdin().lock(), std::io::stdout().lock());
    match moderation::cli::run(context, stdin, std::io::BufWriter::new(stdout)) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe downstream (`| head`) is a normal end, not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => fail(&format!("moderate: {error}")),
    }
}

fn print_demo_accounts(accounts: &[demo::DemoAccount]) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "\nDemo accounts (passwords are new at every start):");
    for account in accounts {
        let _ = writeln!(
            out,
            "  {:<11} {:<16} {}",
            account.role.as_str(),
            account.username,
            account.password
        );
    }
    let _ = writeln!(out);
}

fn init_logging(filter: &str, format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::new(filter);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

fn config_failure(error: &ConfigError) -> ExitCode {
    eprintln!("yorisoi: {error}");
    ExitCode::from(2)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("yorisoi: error: {message}");
    ExitCode::FAILURE
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    tracing::info!("shutting down");
}
