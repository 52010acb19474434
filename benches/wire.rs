//! How fast the adapters translate: encoding every example message, decoding each
//! provider's success answer, and parsing a webhook delivery, per provider column. Pure
//! translation, no I/O: `cargo bench --bench wire`.

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn.

mod common;

use common::{adapter, parse_webhook, webhook_fixture, Column};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use switchboard::adapter::WireResponse;
use switchboard::OutboundMessage;

fn examples() -> Vec<OutboundMessage> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/messages");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| OutboundMessage::from_json(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    let messages = examples();
    let mut encode = c.benchmark_group("encode every example message");
    for column in Column::ALL {
        let a = adapter(column);
        let supported: Vec<_> = messages.iter().filter(|m| a.encode(m).is_ok()).collect();
        encode.throughput(Throughput::Elements(supported.len() as u64));
        encode.bench_function(BenchmarkId::from_parameter(column.name()), |b| {
            b.iter(|| {
                for m in &supported {
                    black_box(a.encode(black_box(m)).unwrap());
                }
            })
        });
    }
    encode.finish();

    let mut decode = c.benchmark_group("decode the success answer");
    for column in Column::ALL {
        let a = adapter(column);
        let success = &column.success();
        let response = WireResponse::new(
            success["status"].as_u64().unwrap() as u16,
            success["body"].to_string(),
        );
        // A location: every provider carries it.
        let location = messages
            .iter()
            .find(|m| m.content.kind() == "location")
            .unwrap();
        let request = a.encode(location).unwrap();
        decode.bench_function(BenchmarkId::from_parameter(column.name()), |b| {
            b.iter(|| black_box(a.decode(&request, black_box(&response)).unwrap()))
        });
    }
    decode.finish();

    let mut parse = c.benchmark_group("parse a webhook delivery");
    for column in Column::ALL {
        let a = adapter(column);
        let body = webhook_fixture(column);
        parse.throughput(Throughput::Bytes(body.len() as u64));
        parse.bench_function(BenchmarkId::from_parameter(column.name()), |b| {
            b.iter(|| black_box(parse_webhook(a.as_ref(), black_box(&body))))
        });
    }
    parse.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
