//! Test databases on PostgreSQL (feature `postgres`).
//!
//! Tests find the server through `SWITCHBOARD_TEST_POSTGRES`, a `postgres://` URL of a
//! database the tests may create databases from (`.ci/run` starts a throwaway cluster on
//! loopback and sets it). Each test gets a database of its own, so tests run in parallel and
//! a rerun starts empty. Without the variable a test prints that it was skipped, by name,
//! and passes; with `CI=true` it fails instead, and so does any test whose database cannot
//! be reached.

/// The variable naming the test server.
pub const VAR: &str = "SWITCHBOARD_TEST_POSTGRES";

/// A fresh, empty database for `test` (its URL), or `None` (after saying so) when no test
/// server is configured outside CI.
pub async fn fresh_database(test: &str) -> Option<String> {
    let base = match std::env::var(VAR) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{test}: CI=true but {VAR} is not set: the postgres tests need a database");
            }
            eprintln!("skipped {test}: set {VAR}=postgres://user@127.0.0.1:port/db to run it");
            return None;
        }
    };
    let (client, connection) = tokio_postgres::connect(&base, tokio_postgres::NoTls)
        .await
        .unwrap_or_else(|e| panic!("{test}: cannot reach the database of {VAR}: {e}"));
    tokio::spawn(connection);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let short: String = test
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(36)
        .collect();
    let name = format!("sbt_{short}_{}_{nanos:x}", std::process::id()).to_lowercase();
    client
        .batch_execute(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap_or_else(|e| panic!("{test}: cannot create database {name}: {e}"));
    Some(with_database(&base, &name))
}

/// `url` naming database `name` instead of its own.
fn with_database(url: &str, name: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = main.find("://").map_or(0, |i| i + 3);
    let host_end = main[after_scheme..]
        .find('/')
        .map_or(main.len(), |i| after_scheme + i);
    format!("{}/{name}{query}", &main[..host_end])
}
