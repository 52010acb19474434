//! Configuration: file, environment overrides, errors, and secrets kept out of Debug.

use switchboard::{AnyMessenger, Config, Error, Messenger, Provider};

const CANARY: &str = "CANARY-KEY-7f3a9c";

/// The raw `[name]` table of `c`.
fn table<'a>(c: &'a Config, name: &'static str) -> &'a serde_json::Value {
    c.providers.get(Provider::new(name)).expect("table")
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn reads_every_provider_table_from_toml() {
    let text = format!(
        r#"
provider = "360dialog"

[99digital]
api_key = "{CANARY}"
from = "+972 77-123-4567"

[360dialog]
api_key = "{CANARY}"
hosting = "on-premise"
base_url = "http://127.0.0.1:9"

[bird]
access_key = "{CANARY}"
workspace_id = "ws-1"
channel_id = "ch-1"
signing_key = "{CANARY}"

[http]
timeout_ms = 1500
"#
    );
    let c = Config::from_toml(&text).unwrap();
    assert_eq!(c.provider, Provider::new("360dialog"));
    let d = table(&c, "360dialog");
    assert_eq!(d["hosting"], "on-premise");
    assert_eq!(d["api_key"], CANARY);
    assert_eq!(table(&c, "99digital")["from"], "+972 77-123-4567");
    assert_eq!(table(&c, "bird")["channel_id"], "ch-1");
    assert_eq!(c.http.timeout_ms, 1500);
    assert_eq!(c.http.connect_timeout_ms, 5000, "defaults fill the rest");
    let debug = format!("{c:?}");
    assert!(!debug.contains(CANARY), "Debug shows a secret: {debug}");
}

#[test]
fn environment_overrides_the_file() {
    let text = "provider = \"memory\"\n[bird]\naccess_key = \"from-file\"\nworkspace_id = \"ws\"\nchannel_id = \"ch\"\n";
    let c = Config::from_toml_with_env(
        text,
        env(&[
            ("SWITCHBOARD_PROVIDER", "bird"),
            ("SWITCHBOARD_BIRD_ACCESS_KEY", CANARY),
            ("SWITCHBOARD_HTTP_TIMEOUT_MS", "2500"),
            ("SWITCHBOARD_CONFIG", "/ignored.toml"),
            ("HOME", "/root"),
        ]),
    )
    .unwrap();
    assert_eq!(c.provider, Provider::new("bird"));
    let bird = table(&c, "bird");
    assert_eq!(bird["access_key"], CANARY);
    assert_eq!(bird["workspace_id"], "ws", "untouched keys stay");
    assert_eq!(
        c.http.timeout_ms, 2500,
        "numbers may come as strings from the environment"
    );
}

#[test]
fn environment_alone_can_configure_a_provider() {
    let c = Config::from_toml_with_env(
        "",
        env(&[
            ("SWITCHBOARD_PROVIDER", "360dialog"),
            ("SWITCHBOARD_360DIALOG_API_KEY", CANARY),
        ]),
    )
    .unwrap();
    assert_eq!(table(&c, "360dialog")["api_key"], CANARY);
    assert_eq!(c.provider, Provider::new("360dialog"));
}

fn config_error(text: &str) -> String {
    match Config::from_toml(text).unwrap_err() {
        Error::Configuration { message } => message,
        other => panic!("{other:?}"),
    }
}

#[test]
fn configuration_errors_name_the_setting() {
    assert!(config_error("").contains("missing `provider`"));
    assert!(config_error("provider = \"twilio\"").contains("twilio"));
    assert!(config_error("provider = \"bird\"").contains("no [bird] table"));
    // A provider table is read by its adapter, so only a compiled-in provider's table is
    // checked (a table of a provider whose feature is off is kept unread).
    #[cfg(feature = "bird")]
    {
        let m = config_error("provider = \"memory\"\n[bird]\naccess_key = \"k\"\nworkspace_id = \"w\"\nchannel_id = \"c\"\nacess_key = \"typo\"\n");
        assert!(m.contains("acess_key"), "{m}");
    }
    #[cfg(feature = "360dialog")]
    {
        let m = config_error(&format!(
            "provider = \"360dialog\"\n[360dialog]\napi_key = \"{CANARY}\"\nhosting = \"moon\"\n"
        ));
        assert!(m.contains("moon"), "{m}");
        assert!(!m.contains(CANARY), "{m}");
    }
    assert!(config_error("provider = [").contains("invalid TOML"));
}

#[test]
fn default_is_memory() {
    let m = AnyMessenger::from_config(&Config::default()).unwrap();
    assert_eq!(m.provider(), switchboard::MEMORY);
}

#[test]
fn load_reads_a_file() {
    let dir = std::env::temp_dir().join(format!("switchboard-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("c.toml");
    std::fs::write(&path, "provider = \"memory\"\n").unwrap();
    assert_eq!(
        Config::load(Some(&path)).unwrap().provider,
        switchboard::MEMORY
    );
    let missing = dir.join("missing.toml");
    let e = Config::load(Some(&missing)).unwrap_err();
    assert!(
        matches!(e, Error::Configuration { .. }) && e.to_string().contains("missing.toml"),
        "{e}"
    );
}

/// Built with `--no-default-features` (CI does), each provider names its missing feature.
#[cfg(not(all(feature = "99digital", feature = "360dialog", feature = "bird")))]
#[test]
fn a_provider_whose_feature_is_off_names_the_feature() {
    let text = format!(
        "provider = \"memory\"\n[99digital]\napi_key = \"{CANARY}\"\nfrom = \"972771234567\"\n[360dialog]\napi_key = \"{CANARY}\"\n[bird]\naccess_key = \"{CANARY}\"\nworkspace_id = \"w\"\nchannel_id = \"c\"\n"
    );
    let base = Config::from_toml(&text).unwrap();
    let mut checked = 0;
    for (provider, on) in [
        (Provider::new("99digital"), cfg!(feature = "99digital")),
        (Provider::new("360dialog"), cfg!(feature = "360dialog")),
        (Provider::new("bird"), cfg!(feature = "bird")),
    ] {
        if on {
            continue;
        }
        let mut c = base.clone();
        c.provider = provider;
        match AnyMessenger::from_config(&c).unwrap_err() {
            Error::Configuration { message } => {
                assert!(
                    message.contains(&format!("cargo feature `{}`", provider.as_str())),
                    "{message}"
                );
                assert!(!message.contains(CANARY));
            }
            other => panic!("{other:?}"),
        }
        checked += 1;
    }
    assert!(checked > 0);
}

/// A numeric key is refused naming the key, never showing the number.
#[cfg(feature = "360dialog")]
#[test]
fn a_numeric_api_key_is_refused_without_its_value() {
    let m = config_error("provider = \"360dialog\"\n[360dialog]\napi_key = 987654321\n");
    assert!(m.contains("[360dialog] api_key"), "{m}");
    assert!(!m.contains("987654321"), "{m}");
}

/// A bad `[99digital] from` names `from`.
#[cfg(feature = "99digital")]
#[test]
fn a_bad_99digital_from_names_from() {
    let m = config_error(
        "provider = \"99digital\"\n[99digital]\napi_key = \"k\"\nfrom = \"call me\"\n",
    );
    assert!(m.contains("[99digital] from"), "{m}");
}
