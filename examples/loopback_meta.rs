//! A loopback server answering every request with Meta's success answer to a send
//! (`switchboard_testkit::loopback`): the server the Python and Node clients of `benches/clients/` are
//! measured against (docs/performance.md). Prints its base URL and serves until the
//! process is stopped.
//!
//! `cargo run --release --example loopback_meta [PORT]`

fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .map(|p| p.parse().expect("a port number"))
        .unwrap_or(0);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let addr = switchboard_testkit::loopback::serve(
            port,
            switchboard_testkit::loopback::meta_success_body(),
        )
        .await?;
        println!("http://{addr}");
        std::future::pending::<std::io::Result<()>>().await
    })
}
