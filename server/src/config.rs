//! Configuration: environment variables with defaults, read once into a typed `Config`.
//! The README's configuration table lists the same variables; keep them in step.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use anyhow::{Context, bail};

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://...` or `postgres://...`. Defaults to `coboard.db` inside `data_dir`.
    pub database_url: String,
    /// Holds the SQLite file and, later, mail written to files.
    pub data_dir: PathBuf,
    /// Where the server listens. Port 0 picks a free port (tests use this).
    pub listen: SocketAddr,
    /// The folder `cargo leptos build` writes the CSS, WASM and public files to.
    pub site_root: String,
    /// The address people use to reach Coboard, for links in emails and feeds. `None`: the
    /// address the server listens on.
    pub site_url: Option<String>,
    /// A `tracing` filter such as `info` or `coboard=debug,info`.
    pub log: String,
    /// `smtp://user:password@host:587` (STARTTLS with `?tls=required`) or `smtps://...`; without
    /// it, mail is written to files in `data_dir/mail`.
    pub smtp_url: Option<String>,
    /// The sender of Coboard's emails.
    pub mail_from: String,
    /// The first wait before an email the mail server did not take is tried again; each try
    /// after waits twice as long, up to an hour (`COBOARD_MAIL_RETRY_SECS`, 30 by default).
    pub mail_retry: std::time::Duration,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` headers say who the client is.
    pub trusted_proxies: TrustedProxies,
}

/// The addresses of reverse proxies in front of Coboard (`COBOARD_TRUSTED_PROXIES`). Only a
/// request whose socket peer is one of them may say, in a header, which client it carries;
/// from anyone else such a header is ignored, since anyone can write one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<ipnet::IpNet>);

impl TrustedProxies {
    /// Reads a comma-separated list of addresses (`10.0.0.5`, `::1`) and ranges
    /// (`10.0.0.0/8`, `fd00::/8`).
    pub fn parse(raw: &str) -> Result<Self, String> {
        raw.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<ipnet::IpNet>()
                    .or_else(|_| part.parse::<IpAddr>().map(ipnet::IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| format!("COBOARD_TRUSTED_PROXIES: {part:?} is not an IP address or a range like 10.0.0.0/8"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Config {
    /// Cookies get `Secure` when people reach Coboard over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.site_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }
}

impl Config {
    /// Reads the environment. Bad values stop start-up with a sentence saying what to fix.
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var("COBOARD_DATA_DIR").unwrap_or_else(|| "data".into()));
        let listen_raw = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen: SocketAddr = listen_raw
            .parse()
            .with_context(|| format!("LEPTOS_SITE_ADDR must look like 127.0.0.1:3000, not {listen_raw:?}"))?;
        let database_url = match var("DATABASE_URL") {
            Some(url) => url,
            None => sqlite_url_in(&data_dir),
        };
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")) {
            bail!("DATABASE_URL must start with sqlite: or postgres:// (it starts with something else)");
        }
        let trusted_proxies = TrustedProxies::parse(&var("COBOARD_TRUSTED_PROXIES").unwrap_or_default()).map_err(anyhow::Error::msg)?;
        Ok(Self {
            trusted_proxies,
            database_url,
            site_url: var("COBOARD_SITE_URL"),
            data_dir,
            listen,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            log: var("RUST_LOG").unwrap_or_else(|| "info,sqlx=warn,sea_orm=warn".into()),
            smtp_url: var("COBOARD_SMTP_URL"),
            mail_from: var("COBOARD_MAIL_FROM").unwrap_or_else(|| "Coboard <coboard@localhost>".into()),
            mail_retry: match var("COBOARD_MAIL_RETRY_SECS") {
                None => std::time::Duration::from_secs(30),
                Some(raw) => std::time::Duration::from_secs(
                    raw.trim().parse::<u64>().ok().filter(|s| (1..=3600).contains(s)).with_context(|| format!("COBOARD_MAIL_RETRY_SECS must be a number of seconds from 1 to 3600, not {raw:?}"))?,
                ),
            },
        })
    }

    pub fn backend(&self) -> crate::db::Backend {
        crate::db::Backend::of_url(&self.database_url)
    }
}

/// The SQLite URL for `coboard.db` in a data folder, created on first connection.
pub fn sqlite_url_in(data_dir: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("coboard.db").display())
}

/// A database URL safe for logs: any password replaced.
pub fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_logs() {
        assert_eq!(redacted("postgres://app:s3cret@db:5432/coboard"), "postgres://app:***@db:5432/coboard");
        assert_eq!(redacted("sqlite://data/coboard.db?mode=rwc"), "sqlite://data/coboard.db?mode=rwc");
    }

    #[test]
    fn trusted_proxies_are_addresses_and_ranges() {
        let proxies = TrustedProxies::parse(" 10.0.0.0/8, 192.0.2.7 ,fd00::/8,::1,").unwrap();
        for inside in ["10.1.2.3", "192.0.2.7", "fd00::42", "::1", "::ffff:10.9.9.9"] {
            assert!(proxies.contains(inside.parse().unwrap()), "{inside} is a trusted proxy");
        }
        for outside in ["11.0.0.1", "192.0.2.8", "fe80::1", "2001:db8::1"] {
            assert!(!proxies.contains(outside.parse().unwrap()), "{outside} is not");
        }
        assert!(TrustedProxies::parse("").unwrap().is_empty(), "none by default");
        assert_eq!(TrustedProxies::parse("10.0.0.7/8").unwrap(), TrustedProxies::parse("10.0.0.0/8").unwrap(), "host bits are ignored");
        let err = TrustedProxies::parse("10.0.0.1, proxy.example.org").unwrap_err();
        assert!(err.contains("\"proxy.example.org\" is not an IP address"), "{err}");
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
    }

    #[test]
    fn default_database_is_a_file_in_the_data_folder() {
        assert_eq!(sqlite_url_in(std::path::Path::new("data")), "sqlite://data/coboard.db?mode=rwc");
    }
}
