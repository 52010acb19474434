//! The contract suite under the `degrade` fidelity policy: per column, what each case the
//! column refuses as written becomes (request and report), from `degrade` in the provider
//! file; and every case it carries as written is sent unchanged, with an empty report.

use super::{blessing, cases, expect, finish, observed, stand_in, Column};
use crate::stand_in::answer;
use serde_json::json;
use switchboard::adapter::ConfigurableAdapter;
use switchboard::portability::Fidelity;
use switchboard::{Error, Messenger};

/// Under the `degrade` policy, every case the column refuses as written sends what its
/// `degrade` expectation lists (the request and the report), or stays refused; a case
/// carried as written is sent unchanged, with an empty report.
pub async fn run_degraded<A: ConfigurableAdapter>(column: &Column<A>) {
    let bless = blessing();
    let mut file = column.expectations();
    let success = file["responses"]["success"].clone();
    let mut failures = Vec::new();
    for (name, message) in &cases() {
        let exact = file["cases"][*name].clone();
        let server = stand_in(answer(&success)).await;
        let messenger = column.messenger(&server.uri(), 5_000);
        let planned = messenger.can_send_with(message, Fidelity::Degrade);
        let result = messenger.send_with(message, Fidelity::Degrade).await;
        let received = server.received_requests().await.unwrap_or_default();
        let got = match (&result, received.as_slice()) {
            (Ok(receipt), [one]) => {
                let headers = exact["request"]["headers"]
                    .as_object()
                    .cloned()
                    .unwrap_or_else(|| column.default_headers());
                if planned.as_ref().ok() != Some(&receipt.degraded) {
                    failures.push(format!(
                        "{name}: can_send said {planned:?}, the send reported {:?}",
                        receipt.degraded
                    ));
                }
                json!({"request": observed(one, Some(&headers)), "degraded": receipt.degraded})
            }
            (Err(Error::Unsupported { feature, .. }), []) => json!({"unsupported": feature}),
            (Err(e), []) => json!({"refused": e.kind()}),
            (r, reqs) => {
                failures.push(format!("{name}: {r:?} with {} requests", reqs.len()));
                continue;
            }
        };
        if exact.get("request").is_some() {
            // Carried as written: never transformed.
            let want = json!({"request": exact["request"], "degraded": []});
            if got != want {
                failures.push(format!(
                    "{name}: carried as written, but under degrade got {}",
                    serde_json::to_string(&got).unwrap()
                ));
            }
            continue;
        }
        let path = column.expectations_path();
        expect(&mut file, "degrade", name, got, bless, path, &mut failures);
    }
    let path = column.expectations_path();
    finish(
        column.name(),
        path,
        &file,
        bless,
        &failures,
        "degrade contract",
    );
}
