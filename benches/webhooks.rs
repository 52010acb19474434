//! How fast webhook deliveries are parsed into events, in MB/s, beside the baseline of
//! parsing the same bytes into a plain `serde_json::Value` (what any parser has to do at
//! least), for each provider column: `cargo bench --bench webhooks`.
//!
//! Two bodies per column: one typical delivery (a fixture), and a delivery of about 1 MB
//! made of that provider's fixtures (Cloud and On-Premise: one value with thousands of
//! messages, statuses and contacts, the size that used to block a worker; Bird and
//! 99digital: a JSON array of deliveries, which both parsers read). Figures are in
//! `docs/performance.md`.

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn.

mod common;

use common::{adapter, parse_webhook, Column};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// About 1 MB.
const LARGE: usize = 1 << 20;

fn fixture(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates")
        .join(rel);
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

fn fixtures(dir: &str, names: &[&str]) -> Vec<Value> {
    names
        .iter()
        .map(|n| fixture(&format!("{dir}/{n}.json")))
        .collect()
}

const CLOUD: &str = "switchboard-cloud-api/tests/webhooks";
const CLOUD_FIXTURES: [&str; 8] = [
    "forwarded",
    "nfm_reply",
    "order",
    "referral",
    "voice_and_animated_sticker",
    "location_url",
    "status_conversation",
    "status_played",
];

/// One change value with thousands of messages and statuses from the Cloud fixtures, each
/// message with its own sender and contact.
fn cloud_value() -> Value {
    let values: Vec<Value> = fixtures(CLOUD, &CLOUD_FIXTURES)
        .into_iter()
        .map(|f| f["entry"][0]["changes"][0]["value"].clone())
        .collect();
    let (mut messages, mut statuses, mut contacts) = (Vec::new(), Vec::new(), Vec::new());
    let mut size = 0;
    let mut i = 0usize;
    while size < LARGE {
        let v = &values[i % values.len()];
        let sender = format!("97250{i:07}");
        for m in v["messages"].as_array().into_iter().flatten() {
            let mut m = m.clone();
            m["id"] = json!(format!("wamid.{i}"));
            m["from"] = json!(sender);
            size += m.to_string().len();
            messages.push(m);
        }
        for s in v["statuses"].as_array().into_iter().flatten() {
            let mut s = s.clone();
            s["id"] = json!(format!("wamid.{i}"));
            size += s.to_string().len();
            statuses.push(s);
        }
        let contact = json!({"profile": {"name": format!("User {i}")}, "wa_id": sender});
        size += contact.to_string().len();
        contacts.push(contact);
        i += 1;
    }
    json!({"messaging_product": "whatsapp",
           "metadata": {"display_phone_number": "972123456789", "phone_number_id": "1122334455667"},
           "contacts": contacts, "messages": messages, "statuses": statuses})
}

/// An array of deliveries cycling through `items`, about [`LARGE`] bytes.
fn array_of(items: &[Value]) -> Value {
    let mut out = Vec::new();
    let mut size = 0;
    while size < LARGE {
        let item = items[out.len() % items.len()].clone();
        size += item.to_string().len();
        out.push(item);
    }
    Value::Array(out)
}

/// (typical delivery, about 1 MB delivery) of `column`.
fn bodies(column: Column) -> (Value, Value) {
    match column {
        // Meta direct reads the same Cloud API deliveries.
        Column::Dialog360Cloud | Column::Meta => (
            fixture(&format!("{CLOUD}/forwarded.json")),
            json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
                {"field": "messages", "value": cloud_value()}]}]}),
        ),
        Column::Dialog360OnPremise => (
            fixture("switchboard-360dialog/tests/webhooks/on_premise/reply_text.json"),
            cloud_value(),
        ),
        Column::Bird => {
            let items = fixtures(
                "switchboard-bird/tests/webhooks",
                &[
                    "inbound_text",
                    "inbound_image",
                    "inbound_button_tap",
                    "outbound_delivered",
                    "outbound_failed",
                    "interaction_read",
                ],
            );
            (items[0].clone(), array_of(&items))
        }
        Column::NinetyNineDigital => {
            let items = fixtures(
                "switchboard-99digital/tests/webhooks",
                &[
                    "text",
                    "image",
                    "button",
                    "location",
                    "reply",
                    "hidden_number",
                ],
            );
            (items[0].clone(), array_of(&items))
        }
    }
}

fn bench(c: &mut Criterion) {
    for (size, pick) in [("one delivery", 0), ("a 1 MB delivery", 1)] {
        let mut group = c.benchmark_group(format!("webhook parsing vs serde_json::Value, {size}"));
        for column in Column::ALL {
            let a = adapter(column);
            let (small, large) = bodies(column);
            let body = if pick == 0 { small } else { large }
                .to_string()
                .into_bytes();
            // Every body parses into events, none of them unknown or invalid.
            let events = parse_webhook(a.as_ref(), &body);
            assert!(events.iter().all(|e| matches!(
                e,
                switchboard::InboundEvent::Message(_) | switchboard::InboundEvent::Status(_)
            )));
            group.throughput(Throughput::Bytes(body.len() as u64));
            group.bench_function(BenchmarkId::new("parse_webhook", column.name()), |b| {
                b.iter(|| black_box(parse_webhook(a.as_ref(), black_box(&body))))
            });
            group.bench_function(BenchmarkId::new("serde_json::Value", column.name()), |b| {
                b.iter(|| black_box(serde_json::from_slice::<Value>(black_box(&body)).unwrap()))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    targets = bench
}
criterion_main!(benches);
