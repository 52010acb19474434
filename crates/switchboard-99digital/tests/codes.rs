//! The reasons the issue names map as promised, and the codes this adapter documents
//! (`docs/errors.md`): one column, each reason once per meaning with the endpoints where it
//! means that.

use switchboard_99digital::{codes, NinetyNineDigitalAdapter};
use switchboard_core::ConfigurableAdapter;

#[test]
fn the_issue_s_key_reasons_map_as_promised() {
    let r = |reason: &str| codes::error("sendMessage", false, reason, 200);
    assert_eq!(r("3").kind(), "unauthorized");
    assert_eq!(r("4").kind(), "invalid_recipient");
    assert_eq!(r("7").kind(), "window_closed");
    assert_eq!(r("8").kind(), "window_closed");
    assert!(r("6").is_retryable() && r("15").is_retryable());
    assert_eq!(r("2").kind(), "configuration");
}

#[test]
fn the_documented_reasons_name_their_endpoints_where_they_differ() {
    let columns = NinetyNineDigitalAdapter::documented_codes();
    assert_eq!(columns.len(), 1);
    assert_eq!(columns[0].title, "99digital `reason` (endpoints)");
    let cells: Vec<_> = columns[0]
        .codes
        .iter()
        .map(|c| (c.code.as_str(), c.error.kind()))
        .collect();
    // 2 and 3 mean the same on every endpoint: bare.
    assert!(cells.contains(&("2", "configuration")), "{cells:?}");
    assert!(cells.contains(&("3", "unauthorized")), "{cells:?}");
    // 4 is a bad `to` on the sends but an unknown `unique` on sendReaction.
    assert!(
        cells.contains(&("4 (Reaction)", "invalid_message")),
        "{cells:?}"
    );
    assert!(
        cells.contains(&(
            "4 (Message, File, Buttons, CTA, Location, Contact)",
            "invalid_recipient"
        )),
        "{cells:?}"
    );
    // In code order.
    let first: Vec<i64> = cells
        .iter()
        .map(|(c, _)| c.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(first.windows(2).all(|w| w[0] <= w[1]), "{first:?}");
}
