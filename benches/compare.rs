//! Each of switchboard's hot paths beside the floor it is measured against (issue 16,
//! `docs/performance.md`, "Side by side with the floor"):
//!
//! - `encode/{text,buttons,list}/{switchboard,hand_json,typed_floor}`: the facade's
//!   encode of a model message into the body bytes it posts to Meta (the Cloud API dialect,
//!   `Messenger::render`: limits, capabilities, translation, serialization), beside the same
//!   body written by hand with `serde_json::json!` then `to_vec`, and beside hand-written
//!   borrowing serde structs (`typed_floor`). The three bodies are asserted byte-equal first.
//! - `webhook/<column>/{switchboard,value}`: the adapter's parse of a real fixture beside
//!   `serde_json::from_slice::<Value>` of the same bytes.
//! - `send/64/{switchboard,raw_reqwest}`: sends of a text message by 64 concurrent tasks to
//!   the minimal hyper server of `switchboard_testkit::loopback` on 127.0.0.1, beside raw reqwest posting
//!   the same bytes with the same headers and reading the answer.
//!
//! `cargo bench --bench compare -- --measurement-time 3 --warm-up-time 1`, then
//! `python3 scripts/bench-ratios.py` prints the ratios. Instruction counts (noise-free on a
//! shared machine): `python3 scripts/bench-ratios.py --callgrind`, which runs one case at a
//! time under valgrind through `SWITCHBOARD_COMPARE_CASE=<id> SWITCHBOARD_COMPARE_ITERS=<n>`.

#![allow(missing_docs)] // the criterion config function is undocumented.

mod common;
#[path = "common/send.rs"]
mod send;

use common::{adapter, parse_webhook, stand_ins, webhook_fixture, Column};
use criterion::{Criterion, Throughput};
use send::{body_bytes, meta_messenger, text_message, RawPost};
use serde::Serialize;
use serde_json::{json, Value};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard::{Content, Header, Messenger, OutboundMessage, Recipient};

/// Runs a case `iters` times, returning the time taken (criterion's `iter_custom`).
type Case = Box<dyn FnMut(u64) -> Duration>;

/// Times `f` run `iters` times.
fn timed(mut f: impl FnMut() + 'static) -> Case {
    Box::new(move |iters| {
        let start = Instant::now();
        for _ in 0..iters {
            f();
        }
        start.elapsed()
    })
}

// ---- the messages ----

fn message(json: &str) -> OutboundMessage {
    OutboundMessage::from_json(json).unwrap()
}

fn buttons() -> OutboundMessage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/messages/buttons.json");
    message(&std::fs::read_to_string(path).unwrap())
}

/// A list of 10 rows (WhatsApp's most) in two sections, every row described.
fn list() -> OutboundMessage {
    let rows = |from: usize| -> Vec<Value> {
        (from..from + 5)
            .map(|i| json!({"id": format!("row_{i}"), "title": format!("Option {i}"), "description": format!("What option {i} means")}))
            .collect()
    };
    message(
        &json!({"to": "+972501234567", "list": {
            "header": "Shipping options", "body": "Choose how you want your order delivered.",
            "footer": "Prices incl. VAT", "button": "Choose option",
            "sections": [{"title": "Standard", "rows": rows(0)}, {"title": "Fast", "rows": rows(5)}]}})
        .to_string(),
    )
}

// ---- the baselines: the same Cloud API body, by hand ----

fn digits(m: &OutboundMessage) -> &str {
    match &m.to {
        Recipient::Phone(p) => p.digits(),
        Recipient::UserId(_) => unreachable!("the bench messages go to phone numbers"),
    }
}

/// The body written with `json!`, as a user of serde_json would write it.
fn hand_json(m: &OutboundMessage) -> Vec<u8> {
    let to = digits(m);
    let body = match &m.content {
        Content::Text(t) => json!({
            "messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
            "type": "text", "text": {"body": t.body, "preview_url": t.preview_url}}),
        Content::Buttons(b) => {
            let Some(Header::Text(header)) = &b.header else {
                unreachable!()
            };
            let buttons: Vec<Value> = b
                .buttons
                .iter()
                .map(|r| json!({"type": "reply", "reply": {"id": r.id, "title": r.title}}))
                .collect();
            json!({
                "messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                "type": "interactive", "interactive": {
                    "type": "button", "header": {"type": "text", "text": header},
                    "body": {"text": b.body}, "footer": {"text": b.footer},
                    "action": {"buttons": buttons}}})
        }
        Content::List(l) => {
            let sections: Vec<Value> = l
                .sections
                .iter()
                .map(|s| {
                    let rows: Vec<Value> = s
                        .rows
                        .iter()
                        .map(
                            |r| json!({"id": r.id, "title": r.title, "description": r.description}),
                        )
                        .collect();
                    json!({"title": s.title, "rows": rows})
                })
                .collect();
            json!({
                "messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                "type": "interactive", "interactive": {
                    "type": "list", "header": {"type": "text", "text": l.header},
                    "body": {"text": l.body}, "footer": {"text": l.footer},
                    "action": {"button": l.button, "sections": sections}}})
        }
        _ => unreachable!(),
    };
    serde_json::to_vec(&body).unwrap()
}

/// Borrowing serde structs, fields in the order serde_json's sorted maps print them.
mod floor {
    use serde::Serialize;

    #[derive(Serialize)]
    pub struct Envelope<'a, C> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub interactive: Option<&'a C>,
        pub messaging_product: &'static str,
        pub recipient_type: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub text: Option<&'a C>,
        pub to: &'a str,
        #[serde(rename = "type")]
        pub kind: &'static str,
    }

    #[derive(Serialize)]
    pub struct Text<'a> {
        pub body: &'a str,
        pub preview_url: bool,
    }

    #[derive(Serialize)]
    pub struct Txt<'a> {
        pub text: &'a str,
    }

    #[derive(Serialize)]
    pub struct HeaderText<'a> {
        pub text: &'a str,
        #[serde(rename = "type")]
        pub kind: &'static str,
    }

    #[derive(Serialize)]
    pub struct Interactive<'a, A> {
        pub action: A,
        pub body: Txt<'a>,
        pub footer: Txt<'a>,
        pub header: HeaderText<'a>,
        #[serde(rename = "type")]
        pub kind: &'static str,
    }

    #[derive(Serialize)]
    pub struct ButtonsAction<'a> {
        pub buttons: Vec<Button<'a>>,
    }

    #[derive(Serialize)]
    pub struct Button<'a> {
        pub reply: Reply<'a>,
        #[serde(rename = "type")]
        pub kind: &'static str,
    }

    #[derive(Serialize)]
    pub struct Reply<'a> {
        pub id: &'a str,
        pub title: &'a str,
    }

    #[derive(Serialize)]
    pub struct ListAction<'a> {
        pub button: &'a str,
        pub sections: Vec<Section<'a>>,
    }

    #[derive(Serialize)]
    pub struct Section<'a> {
        pub rows: Vec<Row<'a>>,
        pub title: &'a str,
    }

    #[derive(Serialize)]
    pub struct Row<'a> {
        pub description: &'a str,
        pub id: &'a str,
        pub title: &'a str,
    }
}

fn envelope<'a, C: Serialize>(
    to: &'a str,
    kind: &'static str,
    content: &'a C,
) -> floor::Envelope<'a, C> {
    floor::Envelope {
        interactive: (kind == "interactive").then_some(content),
        messaging_product: "whatsapp",
        recipient_type: "individual",
        text: (kind == "text").then_some(content),
        to,
        kind,
    }
}

fn s(o: &Option<String>) -> &str {
    o.as_deref().unwrap_or_default()
}

/// The body written with borrowing serde structs: the floor of serializing it.
fn typed_floor(m: &OutboundMessage) -> Vec<u8> {
    let to = digits(m);
    match &m.content {
        Content::Text(t) => {
            let text = floor::Text {
                body: &t.body,
                preview_url: t.preview_url,
            };
            serde_json::to_vec(&envelope(to, "text", &text))
        }
        Content::Buttons(b) => {
            let Some(Header::Text(header)) = &b.header else {
                unreachable!()
            };
            let interactive = floor::Interactive {
                action: floor::ButtonsAction {
                    buttons: b
                        .buttons
                        .iter()
                        .map(|r| floor::Button {
                            reply: floor::Reply {
                                id: &r.id,
                                title: &r.title,
                            },
                            kind: "reply",
                        })
                        .collect(),
                },
                body: floor::Txt { text: &b.body },
                footer: floor::Txt { text: s(&b.footer) },
                header: floor::HeaderText {
                    text: header,
                    kind: "text",
                },
                kind: "button",
            };
            serde_json::to_vec(&envelope(to, "interactive", &interactive))
        }
        Content::List(l) => {
            let interactive = floor::Interactive {
                action: floor::ListAction {
                    button: &l.button,
                    sections: l
                        .sections
                        .iter()
                        .map(|sec| floor::Section {
                            rows: sec
                                .rows
                                .iter()
                                .map(|r| floor::Row {
                                    description: s(&r.description),
                                    id: &r.id,
                                    title: &r.title,
                                })
                                .collect(),
                            title: s(&sec.title),
                        })
                        .collect(),
                },
                body: floor::Txt { text: &l.body },
                footer: floor::Txt { text: s(&l.footer) },
                header: floor::HeaderText {
                    text: s(&l.header),
                    kind: "text",
                },
                kind: "list",
            };
            serde_json::to_vec(&envelope(to, "interactive", &interactive))
        }
        _ => unreachable!(),
    }
    .unwrap()
}

// ---- the facade ----

fn encode_cases(cases: &mut Vec<(String, Case)>) {
    let messenger = Arc::new(meta_messenger("https://provider.invalid"));
    for (name, m) in [
        ("text", text_message()),
        ("buttons", buttons()),
        ("list", list()),
    ] {
        let m = Arc::new(m);
        let ours = body_bytes(&messenger.render(&m).unwrap());
        assert_eq!(
            String::from_utf8_lossy(&hand_json(&m)),
            String::from_utf8_lossy(&ours),
            "{name}: the hand-written json! body is the body switchboard posts"
        );
        assert_eq!(
            String::from_utf8_lossy(&typed_floor(&m)),
            String::from_utf8_lossy(&ours),
            "{name}: the typed floor's body is the body switchboard posts"
        );
        let (ms, mm) = (Arc::clone(&messenger), Arc::clone(&m));
        cases.push((
            format!("encode/{name}/switchboard"),
            timed(move || {
                // The request holds the body bytes, written once (`JsonBody`).
                black_box(ms.render(black_box(&mm)).unwrap());
            }),
        ));
        let mm = Arc::clone(&m);
        cases.push((
            format!("encode/{name}/hand_json"),
            timed(move || {
                black_box(hand_json(black_box(&mm)));
            }),
        ));
        cases.push((
            format!("encode/{name}/typed_floor"),
            timed(move || {
                black_box(typed_floor(black_box(&m)));
            }),
        ));
    }
}

// ---- webhooks ----

fn webhook_cases(cases: &mut Vec<(String, Case)>) {
    for column in Column::ALL {
        let a = adapter(column);
        let body = Arc::new(webhook_fixture(column));
        assert!(!parse_webhook(a.as_ref(), &body).is_empty());
        let b = Arc::clone(&body);
        cases.push((
            format!("webhook/{}/switchboard", column.name()),
            timed(move || {
                black_box(parse_webhook(a.as_ref(), black_box(&b)));
            }),
        ));
        cases.push((
            format!("webhook/{}/value", column.name()),
            timed(move || {
                black_box(serde_json::from_slice::<Value>(black_box(&body)).unwrap());
            }),
        ));
    }
}

// ---- sends ----

/// Concurrent tasks.
const TASKS: u64 = 64;

/// Runs `iters` calls of `send` spread over [`TASKS`] concurrent tasks on `rt`.
fn concurrently<F, Fut>(rt: &tokio::runtime::Runtime, iters: u64, send: F) -> Duration
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    rt.block_on(async {
        let start = Instant::now();
        let tasks: Vec<_> = (0..TASKS)
            .map(|i| {
                let n = iters / TASKS + u64::from(i < iters % TASKS);
                let send = send.clone();
                tokio::spawn(async move {
                    for _ in 0..n {
                        send().await;
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        start.elapsed()
    })
}

fn client_runtime() -> Arc<tokio::runtime::Runtime> {
    Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap(),
    )
}

fn send_cases(cases: &mut Vec<(String, Case)>, server: std::net::SocketAddr) {
    let base = format!("http://{server}");
    let message = Arc::new(text_message());

    let rt = client_runtime();
    let messenger = Arc::new(meta_messenger(&base));
    let request = messenger.render(&message).unwrap();
    let receipt = rt.block_on(messenger.send(&message)).unwrap();
    assert!(receipt.message_id().is_some());
    cases.push((
        "send/64/switchboard".into(),
        Box::new(move |iters| {
            let (messenger, message) = (Arc::clone(&messenger), Arc::clone(&message));
            concurrently(&rt, iters, move || {
                let (messenger, message) = (Arc::clone(&messenger), Arc::clone(&message));
                async move {
                    black_box(messenger.send(&message).await.unwrap());
                }
            })
        }),
    ));

    // The same bytes, the same headers, on a client built the same way.
    let rt = client_runtime();
    let raw = Arc::new(RawPost::of(&request));
    cases.push((
        "send/64/raw_reqwest".into(),
        Box::new(move |iters| {
            let raw = Arc::clone(&raw);
            concurrently(&rt, iters, move || {
                let raw = Arc::clone(&raw);
                async move { raw.send().await }
            })
        }),
    ));
}

/// The server's own runtime: one thread, apart from the clients'.
fn start_server() -> std::net::SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let addr = switchboard_testkit::loopback::serve(
                0,
                switchboard_testkit::loopback::meta_success_body(),
            )
            .await
            .unwrap();
            tx.send(addr).unwrap();
            std::future::pending::<()>().await
        })
    });
    rx.recv().unwrap()
}

fn all_cases(server: std::net::SocketAddr) -> Vec<(String, Case)> {
    let mut cases = Vec::new();
    encode_cases(&mut cases);
    webhook_cases(&mut cases);
    send_cases(&mut cases, server);
    cases
}

fn main() {
    if switchboard_testkit::loopback::serve_if_asked() {
        return;
    }
    // One case alone, `iters` times, no criterion: for `valgrind --tool=callgrind`.
    if let Ok(id) = std::env::var("SWITCHBOARD_COMPARE_CASE") {
        let iters: u64 = std::env::var("SWITCHBOARD_COMPARE_ITERS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000);
        // The server in a child process: only the client's instructions are counted.
        let server = switchboard_testkit::loopback::ServerProcess::start().unwrap();
        let mut cases = all_cases(server.addr);
        let Some((_, case)) = cases.iter_mut().find(|(name, _)| *name == id) else {
            eprintln!("no case {id}; the cases:");
            for (name, _) in &cases {
                eprintln!("  {name}");
            }
            std::process::exit(2);
        };
        let took = case(iters);
        eprintln!("{id}: {iters} iterations in {took:?}");
        return;
    }
    let mut criterion = Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .configure_from_args();
    let mut cases = all_cases(start_server());
    // Grouped by everything before the last `/`: each path beside its baselines.
    let mut groups: Vec<(String, Vec<(String, Case)>)> = Vec::new();
    for (id, case) in cases.drain(..) {
        let (group, function) = id.rsplit_once('/').unwrap();
        match groups.last_mut() {
            Some((g, members)) if g == group => members.push((function.to_string(), case)),
            _ => groups.push((group.to_string(), vec![(function.to_string(), case)])),
        }
    }
    for (group, members) in groups {
        let mut g = criterion.benchmark_group(&group);
        if group.starts_with("send/") {
            g.throughput(Throughput::Elements(1));
        }
        for (function, mut case) in members {
            g.bench_function(&function, |b| b.iter_custom(&mut case));
        }
        g.finish();
    }
    criterion.final_summary();
}
