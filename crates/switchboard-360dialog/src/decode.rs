//! 360dialog as a host of Meta's Cloud API (and of the On-Premise API): its URLs, the
//! `D360-API-KEY` header and its gateway's own error answers (`docs/providers/reference/360dialog.md`
//! section 6.1, gotcha G8): `{"error": "<text>"}`, On-Premise `errors[]` and the `meta`
//! object (camel or snake case).

use crate::codes;
use crate::Dialog360Adapter;
use crate::Hosting;
use serde_json::Value;
use switchboard_cloud_api::decode::{code_text, coded, str_field};
use switchboard_cloud_api::Host;
use switchboard_core::codes::Kind;
use switchboard_core::{Provider, ProviderDetail, WireRequest};

impl Host for Dialog360Adapter {
    fn provider(&self) -> Provider {
        crate::PROVIDER
    }

    fn messages_url(&self) -> String {
        Dialog360Adapter::messages_url(self)
    }

    fn media_url(&self) -> String {
        Dialog360Adapter::media_url(self)
    }

    fn authorize(&self, request: WireRequest) -> WireRequest {
        request.secret_header(crate::API_KEY_HEADER, std::sync::Arc::clone(&self.api_key))
    }

    /// Cloud: `GET {base}/{media_id}` (`docs/providers/reference/360dialog.md` section 4); On-Premise fetches `/v1/media/{id}`
    /// directly (no lookup).
    fn media_lookup_url(&self, media_id: &str) -> Option<String> {
        (self.hosting == Hosting::Cloud).then(|| format!("{}/{media_id}", self.base_url))
    }

    /// Section 4: the lookup's `url` is on Meta's lookaside host; it is fetched through
    /// 360dialog with the API key, the host `https://lookaside.fbsbx.com` replaced by the base
    /// URL. A URL on any other host is refused, so the key never goes elsewhere.
    fn media_fetch(&self, url: &str) -> Result<WireRequest, switchboard_core::Error> {
        const LOOKASIDE: &str = "https://lookaside.fbsbx.com/";
        let rest = url.strip_prefix(LOOKASIDE).ok_or_else(|| {
            switchboard_core::Error::decode(
                "360dialog media lookup",
                format!(
                    "the media url is not on {LOOKASIDE}: {}",
                    switchboard_core::error::describe_text(url)
                ),
            )
        })?;
        let fetch = format!("{}/{rest}", self.base_url);
        Ok(self.authorize(switchboard_cloud_api::operations::get("media_fetch", fetch)))
    }

    fn code_kind(&self, code: i64) -> Option<Kind> {
        match self.hosting {
            Hosting::Cloud => codes::cloud(code),
            Hosting::OnPremise => codes::on_premise(code),
        }
    }

    fn is_error_body(&self, json: &Value) -> bool {
        json.get("error").is_some()
            || json
                .get("errors")
                .and_then(Value::as_array)
                .is_some_and(|e| !e.is_empty())
            || json
                .get("meta")
                .and_then(|m| m.get("success"))
                .and_then(Value::as_bool)
                == Some(false)
    }

    fn host_error(
        &self,
        status: u16,
        json: &Value,
        base: &ProviderDetail,
    ) -> Option<(Kind, ProviderDetail)> {
        if let Some(text) = json.get("error").and_then(Value::as_str) {
            return Some(gateway(status, None, text, base));
        }
        if let Some(e) = json
            .get("errors")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return Some(coded(self, status, e, "title", base, false));
        }
        let meta = json.get("meta").filter(|m| m.is_object())?;
        let text = str_field(meta, &["developerMessage", "developer_message", "message"]);
        let inner = meta.get("httpCode").or_else(|| meta.get("http_code"));
        Some(gateway(status, inner.and_then(code_text), &text, base))
    }
}

fn gateway(
    status: u16,
    inner: Option<String>,
    text: &str,
    base: &ProviderDetail,
) -> (Kind, ProviderDetail) {
    let mut detail = base.clone();
    detail.code = inner;
    detail.message = if text.is_empty() {
        "360dialog gateway error".into()
    } else {
        text.to_string()
    };
    (codes::gateway(status, text), detail)
}
