//! The codes the issue names map as promised, and the codes this adapter documents
//! (`docs/errors.md`) are its tables, each with the error its decoding returns.

use switchboard_360dialog::{codes, Dialog360Adapter};
use switchboard_core::{ConfigurableAdapter, ProviderDetail};

fn kind(k: codes::Kind) -> &'static str {
    k.into_error(
        ProviderDetail::new(switchboard_360dialog::PROVIDER, "x"),
        None,
    )
    .kind()
}

#[test]
fn the_issue_s_key_codes_map_as_promised() {
    let cloud = |c: i64| kind(codes::cloud(c).expect("listed"));
    let onprem = |c: i64| kind(codes::on_premise(c).expect("listed"));
    assert_eq!(cloud(131047), "window_closed");
    assert_eq!(onprem(470), "window_closed");
    assert_eq!(cloud(130429), "rate_limited");
    assert_eq!(cloud(131056), "rate_limited");
    assert_eq!(cloud(131026), "invalid_recipient");
    assert_eq!(cloud(131052), "media_rejected");
    assert_eq!(cloud(131053), "media_rejected");
    assert_eq!(cloud(132000), "template_rejected");
    for c in [0, 190] {
        assert_eq!(cloud(c), "unauthorized", "{c}");
    }
}

#[test]
fn the_documented_codes_are_both_tables_and_the_gateway() {
    let columns = Dialog360Adapter::documented_codes();
    let titles: Vec<_> = columns.iter().map(|c| c.title).collect();
    assert_eq!(
        titles,
        [
            "360dialog Cloud code",
            "360dialog On-Premise code",
            "360dialog gateway (HTTP status)"
        ]
    );
    assert_eq!(columns[0].codes.len(), codes::CLOUD_CODES.len());
    assert_eq!(columns[1].codes.len(), codes::ON_PREMISE_CODES.len());
    assert_eq!(columns[2].codes.len(), codes::GATEWAY_ROWS.len());
    let find = |column: usize, code: &str| {
        let c = columns[column]
            .codes
            .iter()
            .find(|c| c.code == code)
            .unwrap_or_else(|| panic!("{code} documented"));
        (c.error.kind(), c.error.is_retryable())
    };
    assert_eq!(find(0, "131047"), ("window_closed", false));
    assert_eq!(find(1, "1015"), ("rate_limited", true));
    // The gateway's 400 means a rate limit only with its phrase.
    assert_eq!(find(2, "400 \"rate limit\""), ("rate_limited", true));
    assert_eq!(find(2, "400"), ("provider", false));
    assert_eq!(find(2, "503"), ("provider", true));
}
