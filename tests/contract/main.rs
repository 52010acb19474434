//! The contract suite: provider-agnostic cases written once, run for every adapter against
//! a wiremock server on loopback.
//!
//! - `cases/*.json` are messages in switchboard's JSON form, the same for every provider.
//! - `providers/<column>.json` is what one provider column expects: for each case either
//!   the exact request (`method`, `path`, `headers`, `body`) or the refusal
//!   (`{"unsupported": "<feature>"}`), and its provider's answers for each outcome
//!   (success, unauthorized, rate limited with and without a hint, window closed, server
//!   error, a body that is not JSON) with the typed outcome each must produce.
//! - `past_limit/*.json` are messages one past a WhatsApp-wide limit: refused for every
//!   provider before anything is sent.
//!
//! - `degrade` in the provider file: for each case the column refuses as written, what it
//!   sends under the `degrade` fidelity policy (the request and the `degraded` report), or
//!   the refusal that stands; a case carried as written must be sent unchanged with an empty
//!   report.
//!
//! `SWITCHBOARD_BLESS=1` records missing or differing case requests into the provider
//! files; a recorded request must then be reviewed against `../shared/providers/`.

#![cfg(all(
    feature = "99digital",
    feature = "360dialog",
    feature = "bird",
    feature = "meta"
))]

mod degrade;
mod harness;

macro_rules! contract {
    ($module:ident, $column:expr) => {
        mod $module {
            use super::harness::*;

            #[tokio::test]
            async fn every_case_sends_the_expected_request_or_is_refused() {
                run_cases($column).await;
            }

            #[tokio::test]
            async fn under_degrade_each_case_sends_its_closest_form_and_reports_it() {
                super::degrade::run_degraded($column).await;
            }

            #[tokio::test]
            async fn every_answer_maps_to_its_typed_outcome() {
                run_responses($column).await;
            }

            #[tokio::test]
            async fn past_limit_messages_never_reach_the_provider() {
                run_past_limits($column).await;
            }

            #[tokio::test]
            async fn a_refused_connection_is_a_retryable_transport_error() {
                run_connection_refused($column).await;
            }

            #[tokio::test]
            async fn a_timeout_after_sending_is_an_unknown_outcome_sent_once() {
                run_slow_response($column).await;
            }
        }
    };
}

contract!(ninety_nine_digital, Column::NinetyNineDigital);
contract!(dialog360_cloud, Column::Dialog360Cloud);
contract!(dialog360_on_premise, Column::Dialog360OnPremise);
contract!(bird, Column::Bird);
contract!(meta, Column::Meta);
