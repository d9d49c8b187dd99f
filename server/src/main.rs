//! `coboard`: serve the site, apply migrations, or load the demo board.

use anyhow::Context;
use clap::{Parser, Subcommand};
use server::{Application, Config, db};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "coboard", version, about = "Coboard: a co-production board run together by a council and the people who use its services.")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (the default). Applies migrations first.
    Serve,
    /// Apply database migrations, then stop.
    Migrate,
    /// Load a demo Direct Payments Board with its vision and four groups (once).
    Demo,
    /// Fill the database with a generated board, to measure Coboard at scale: `--size large` is
    /// 50 groups, 1,000 people, 2,000 documents with 20 versions each, 200,000 comments, 500
    /// meetings and 5,000 You Said We Did items; `--size small` is the same shape, far smaller.
    /// Adds to the board that is there (or makes one). Once per database.
    Seed {
        #[arg(long, default_value = "small")]
        size: String,
    },
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal access tokens for the JSON API.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Make a token for an account and print it once.
    Create {
        #[arg(long)]
        email: String,
        /// A label to tell tokens apart.
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account. The first account on a fresh install becomes a co-chair of the board
    /// (with --board to create the board when there is none yet).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// expert, carer, staff, partner or other. Shown and counted; never a permission.
        #[arg(long)]
        perspective: String,
        /// Read a password from the first line of standard input. Without it, the person signs in
        /// with emailed links.
        #[arg(long)]
        password_stdin: bool,
        /// On an install with no board yet: the name of the board to create, with this account
        /// as its co-chair.
        #[arg(long)]
        board: Option<String>,
    },
}

fn main() -> anyhow::Result<()> {
    few_allocator_arenas();
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(run())
}

/// glibc gives threads allocator arenas of their own, up to eight per core, and seldom hands
/// their freed memory back, so every runtime, blocking and SQLite thread can hold memory it no
/// longer uses. Two arenas cost no measurable speed here; what they save varies (one pair of
/// runs peaked at 63 MB with them and 83 MB without, another at 78 MB both ways; README,
/// Performance). Set before any thread starts.
fn few_allocator_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning value; it is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::from_env()?;
    tracing_subscriber::fmt().with_env_filter(EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info"))).init();
    tracing::info!(database = %server::config::redacted(&config.database_url), "configuration read");

    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(&config).await?;
            let addr = app.addr();
            println!("Coboard is ready. Open http://{addr} in your browser (database: {}).", config.backend().name());
            app.run_until_stopped().await.context("the web server stopped with an error")?;
        }
        Command::Migrate => {
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            println!("The database is up to date.");
        }
        Command::Demo => {
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            match domain::demo::load(&conn).await.map_err(|e| anyhow::anyhow!("{e}"))? {
                domain::demo::DemoOutcome::Loaded => {
                    // Servers sharing this PostgreSQL database drop the pages they kept.
                    server::page_cache::announce(&conn, "command line").await;
                    println!("Loaded the demo Direct Payments Board, its vision and its four groups.")
                }
                domain::demo::DemoOutcome::AlreadyThere => {
                    println!("The demo board is already there; nothing was changed.")
                }
            }
        }
        Command::Seed { size } => {
            let Some(size) = domain::seed::Size::named(&size) else {
                eprintln!("--size must be small or large (not {size:?}).");
                std::process::exit(2);
            };
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            match domain::seed::seed(&conn, size, |line| println!("  {line}")).await {
                Ok(seeded) => {
                    server::page_cache::announce(&conn, "command line").await;
                    println!(
                        "Generated a board of {} groups, {} people, {} documents ({} versions), {} comments, {} meetings and {} You Said We Did items.",
                        seeded.groups, seeded.people, seeded.documents, seeded.revisions, seeded.comments, seeded.meetings, seeded.feedback
                    );
                    println!("The most discussed document: /documents/{}", seeded.busy_document);
                    println!("The long policy: /documents/{}/compare?from=1&to={}", seeded.long_policy, size.versions);
                }
                Err(err) => {
                    eprintln!("{err}");
                    std::process::exit(2);
                }
            }
        }
        Command::User(UserCommand::Add { email, name, perspective, password_stdin, board }) => {
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line).context("could not read the password from standard input")?;
                Some(line.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            let outcome = server::cli::add_user(&conn, &email, &name, &perspective, password, board.as_deref()).await;
            match outcome {
                Ok(message) => {
                    server::page_cache::announce(&conn, "command line").await;
                    println!("{message}")
                }
                Err(message) => {
                    eprintln!("{message}");
                    std::process::exit(2);
                }
            }
        }
        Command::Token(TokenCommand::Create { email, name }) => {
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            match server::cli::create_token(&conn, &email, name.as_deref()).await {
                Ok(token) => println!("{token}"),
                Err(message) => {
                    eprintln!("{message}");
                    std::process::exit(2);
                }
            }
        }
    }
    Ok(())
}
