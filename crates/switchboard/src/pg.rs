//! What the PostgreSQL journals share: how a `postgres://` URL is recognised and shown
//! without its password and, with the feature `postgres`, the connection pool and the
//! embedded migrations.
//!
//! Connections are plain TCP (or a Unix socket): no TLS. That suits a database on loopback
//! or a private network; across an untrusted network, put the database behind a TLS tunnel
//! (docs/scaling.md).

#[cfg(feature = "postgres")]
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use switchboard_core::Error;
#[cfg(feature = "postgres")]
use tokio_postgres::NoTls;

#[cfg(feature = "postgres")]
/// The key of the advisory lock held while migrations run, so that processes starting
/// together apply each migration once.
const MIGRATION_LOCK: i64 = 0x5357_4244_0001; // "SWBD" 1

#[cfg(feature = "postgres")]
/// The embedded migrations, applied in order, each once, in its own transaction. Never edit
/// one that has shipped: add the next.
const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "webhook journal",
        "
CREATE TABLE webhook_events (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key     text   NOT NULL UNIQUE,
    received_at_ms bigint NOT NULL,
    event          json   NOT NULL
);
CREATE INDEX webhook_events_received ON webhook_events (received_at_ms);
CREATE TABLE webhook_cursors (
    sink text   PRIMARY KEY,
    seq  bigint NOT NULL
);
CREATE TABLE webhook_sink_leases (
    sink       text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);
",
    ),
    (
        2,
        "bulk journal",
        "
CREATE TABLE bulk_lines (
    campaign    text   NOT NULL,
    line        bigint NOT NULL,
    body        text   NOT NULL,
    state       text   NOT NULL,
    worker      text,
    lease_until timestamptz,
    attempts    bigint NOT NULL DEFAULT 0,
    provider    text,
    message_id  text,
    error_kind  text,
    error       text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign, line)
);
CREATE INDEX bulk_lines_by_state ON bulk_lines (campaign, state, line);
",
    ),
];

/// Whether `location` (a configured journal) names a PostgreSQL database.
pub fn is_postgres_url(location: &str) -> bool {
    let l = location.trim_start();
    l.starts_with("postgres://") || l.starts_with("postgresql://")
}

/// `location` with any password in it replaced by `***`, for messages and logs.
///
/// ```
/// use switchboard::pg::redact;
/// assert_eq!(redact("postgres://app:s3cret@db:5432/sb"), "postgres://app:***@db:5432/sb");
/// assert_eq!(redact("postgres://app@db/sb?password=s3cret&x=1"), "postgres://app@db/sb?password=***&x=1");
/// assert_eq!(redact("journal.sqlite3"), "journal.sqlite3");
/// ```
pub fn redact(location: &str) -> String {
    let Some(scheme_end) = location.find("://") else {
        return location.to_string();
    };
    let rest = &location[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let mut out = location[..scheme_end + 3].to_string();
    match rest[..authority_end].rfind('@') {
        Some(at) => {
            let userinfo = &rest[..at];
            match userinfo.find(':') {
                Some(colon) => {
                    out.push_str(&userinfo[..colon]);
                    out.push_str(":***");
                }
                None => out.push_str(userinfo),
            }
            out.push_str(&rest[at..authority_end]);
        }
        None => out.push_str(&rest[..authority_end]),
    }
    // A password may also be given as a query parameter.
    let query = &rest[authority_end..];
    match query.find("password=") {
        Some(p) => {
            let value_end = query[p..].find('&').map_or(query.len(), |e| p + e);
            out.push_str(&query[..p]);
            out.push_str("password=***");
            out.push_str(&query[value_end..]);
        }
        None => out.push_str(query),
    }
    out
}

/// The error for a `postgres://` journal in a build without the feature `postgres`.
#[cfg(not(feature = "postgres"))]
pub(crate) fn feature_off(setting: &str) -> Error {
    Error::configuration(format!(
        "{setting} is a postgres:// URL, but switchboard was built without its cargo feature `postgres`; \
         enable it (switchboard = {{ features = [\"postgres\"] }}, or build switchboard-cli with --features postgres)"
    ))
}

/// A storage error about the database at `url` (shown without its password). The driver's
/// message is kept with its detail (constraint, SQL state) when the server sent one.
#[cfg(feature = "postgres")]
pub(crate) fn storage(operation: &str, url: &str, e: impl std::fmt::Display) -> Error {
    Error::storage(format!("{operation} (journal {})", redact(url)), e)
}

#[cfg(feature = "postgres")]
/// Opens a pool of at most `max_size` connections to `url` and applies the migrations not
/// applied yet. Fails if the database is unreachable or was migrated by a newer switchboard.
pub async fn connect(url: &str, max_size: usize) -> Result<Pool, Error> {
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| storage("reading the PostgreSQL URL", url, e))?;
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(max_size.max(1))
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .build()
        .map_err(|e| storage("creating the connection pool", url, e))?;
    migrate(&pool, url).await?;
    Ok(pool)
}

#[cfg(feature = "postgres")]
/// A connection from `pool`, or a storage error naming the database.
pub(crate) async fn client(pool: &Pool, url: &str) -> Result<deadpool_postgres::Object, Error> {
    pool.get()
        .await
        .map_err(|e| storage("connecting to PostgreSQL", url, e))
}

#[cfg(feature = "postgres")]
async fn migrate(pool: &Pool, url: &str) -> Result<(), Error> {
    let fail = |e: tokio_postgres::Error| storage("migrating the schema", url, db_error(&e));
    let mut client = client(pool, url).await?;
    let tx = client.transaction().await.map_err(fail)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(fail)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS switchboard_migrations (
             version    integer     PRIMARY KEY,
             name       text        NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
         )",
    )
    .await
    .map_err(fail)?;
    let newest: Option<i32> = tx
        .query_one("SELECT max(version) FROM switchboard_migrations", &[])
        .await
        .map_err(fail)?
        .get(0);
    let newest = newest.unwrap_or(0);
    let known = MIGRATIONS.last().map_or(0, |m| m.0);
    if newest > known {
        return Err(storage(
            "migrating the schema",
            url,
            format!("the database was migrated by a newer switchboard (schema {newest}, this one knows up to {known})"),
        ));
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > newest) {
        tx.batch_execute(sql).await.map_err(fail)?;
        tx.execute(
            "INSERT INTO switchboard_migrations (version, name) VALUES ($1, $2)",
            &[version, name],
        )
        .await
        .map_err(fail)?;
        tracing::info!(version, name, "applied a PostgreSQL migration");
    }
    tx.commit().await.map_err(fail)
}

#[cfg(feature = "postgres")]
/// The driver's error with the server's message and detail, when it sent them.
pub(crate) fn db_error(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!(
            "{}: {} (SQL state {}){}",
            db.severity(),
            db.message(),
            db.code().code(),
            db.detail().map(|d| format!(": {d}")).unwrap_or_default()
        ),
        None => e.to_string(),
    }
}
