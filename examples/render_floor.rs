//! The floor `switchboard render` is measured against (docs/performance.md): a minimal
//! binary that reads the same message file, parses it and prints JSON, nothing else.
//!
//! ```sh
//! cargo build --release --example render_floor
//! cargo build --release -p switchboard-cli --bin switchboard
//! hyperfine -N --warmup 50 \
//!   'target/release/examples/render_floor examples/messages/buttons.json' \
//!   'target/release/switchboard render --config benches/clients/meta.toml examples/messages/buttons.json'
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: render_floor MESSAGE.json");
        return ExitCode::from(2);
    };
    let value: serde_json::Value = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!("{value}");
    ExitCode::SUCCESS
}
