//! Interactive bodies: reply buttons, list, call-to-action URL (`docs/providers/reference/360dialog.md`
//! sections 3.3 to 3.5). The On-Premise API shares the button and list objects.
//!
//! Typed and borrowing, like [`crate::encode`]: keys in serde_json's sorted order, and the
//! buttons, sections and rows written straight from the message, with no vector built.

use crate::encode::{media_object, MediaObject};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use switchboard_core::{
    Buttons, CallToAction, CtaTarget, Error, Header, List, ListRow, ListSection, Provider,
    ReplyButton,
};

/// The `interactive` object.
#[derive(Serialize)]
pub struct Interactive<'a> {
    action: Action<'a>,
    body: TextField<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    footer: Option<TextField<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    header: Option<HeaderObject<'a>>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct TextField<'a> {
    text: &'a str,
}

/// `{"text": ..., "type": "text"}` or `{"type": kind, kind: media}`.
enum HeaderObject<'a> {
    Text(&'a str),
    Media(&'static str, MediaObject<'a>),
}

impl Serialize for HeaderObject<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        match self {
            HeaderObject::Text(text) => {
                map.serialize_entry("text", text)?;
                map.serialize_entry("type", "text")?;
            }
            // Sorted keys: `document` and `image` before `type`, `video` after it.
            HeaderObject::Media(kind, media) if *kind < "type" => {
                map.serialize_entry(kind, media)?;
                map.serialize_entry("type", kind)?;
            }
            HeaderObject::Media(kind, media) => {
                map.serialize_entry("type", kind)?;
                map.serialize_entry(kind, media)?;
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Action<'a> {
    Buttons {
        buttons: Each<'a, ReplyButton>,
    },
    List {
        button: &'a str,
        sections: Each<'a, ListSection>,
    },
    Cta {
        name: &'static str,
        parameters: CtaParameters<'a>,
    },
}

#[derive(Serialize)]
struct CtaParameters<'a> {
    display_text: &'a str,
    url: &'a str,
}

/// A slice written as a JSON array of each item's wire object.
struct Each<'a, T>(&'a [T]);

impl Serialize for Each<'_, ReplyButton> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Reply<'a> {
            id: &'a str,
            title: &'a str,
        }
        #[derive(Serialize)]
        struct Button<'a> {
            reply: Reply<'a>,
            #[serde(rename = "type")]
            kind: &'static str,
        }
        serializer.collect_seq(self.0.iter().map(|r| Button {
            reply: Reply {
                id: &r.id,
                title: &r.title,
            },
            kind: "reply",
        }))
    }
}

impl Serialize for Each<'_, ListSection> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Section<'a> {
            rows: Each<'a, ListRow>,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'a str>,
        }
        serializer.collect_seq(self.0.iter().map(|s| Section {
            rows: Each(&s.rows),
            title: s.title.as_deref(),
        }))
    }
}

impl Serialize for Each<'_, ListRow> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Row<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            description: Option<&'a str>,
            id: &'a str,
            title: &'a str,
        }
        serializer.collect_seq(self.0.iter().map(|r| Row {
            description: r.description.as_deref(),
            id: &r.id,
            title: &r.title,
        }))
    }
}

fn header(h: &Header) -> HeaderObject<'_> {
    match h {
        Header::Text(t) => HeaderObject::Text(t),
        Header::Media(m) => HeaderObject::Media(m.kind.as_str(), media_object(m)),
    }
}

fn frame<'a>(
    kind: &'static str,
    header: Option<HeaderObject<'a>>,
    body: &'a str,
    footer: Option<&'a String>,
    action: Action<'a>,
) -> Interactive<'a> {
    Interactive {
        action,
        body: TextField { text: body },
        footer: footer.map(|f| TextField { text: f }),
        header,
        kind,
    }
}

/// `interactive.type = "button"`.
pub fn buttons(b: &Buttons) -> Interactive<'_> {
    frame(
        "button",
        b.header.as_ref().map(header),
        &b.body,
        b.footer.as_ref(),
        Action::Buttons {
            buttons: Each(&b.buttons),
        },
    )
}

/// `interactive.type = "list"`; the header is text only.
pub fn list(l: &List) -> Interactive<'_> {
    frame(
        "list",
        l.header.as_deref().map(HeaderObject::Text),
        &l.body,
        l.footer.as_ref(),
        Action::List {
            button: &l.button,
            sections: Each(&l.sections),
        },
    )
}

/// `interactive.type = "cta_url"`: URL targets only.
pub fn cta(provider: Provider, c: &CallToAction) -> Result<Interactive<'_>, Error> {
    let CtaTarget::Url(url) = &c.target else {
        return Err(Error::unsupported(
            provider,
            "cta.phone",
            "only URL call-to-action buttons exist",
        ));
    };
    Ok(frame(
        "cta_url",
        c.header.as_ref().map(header),
        &c.body,
        c.footer.as_ref(),
        Action::Cta {
            name: "cta_url",
            parameters: CtaParameters {
                display_text: &c.label,
                url,
            },
        },
    ))
}
