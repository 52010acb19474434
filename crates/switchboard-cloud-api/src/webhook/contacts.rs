//! Inbound contact cards, read leniently (unknown fields are ignored, missing ones empty).

use super::text;
use serde_json::Value;
use switchboard_core::{
    Contact, ContactAddress, ContactEmail, ContactName, ContactOrg, ContactPhone, ContactUrl,
};

fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

pub fn parse(cards: &[Value]) -> Vec<Contact> {
    cards.iter().map(card).collect()
}

fn card(c: &Value) -> Contact {
    let name = c.get("name").unwrap_or(&Value::Null);
    Contact {
        name: ContactName {
            formatted_name: text(name, "formatted_name").unwrap_or_default(),
            first_name: text(name, "first_name"),
            last_name: text(name, "last_name"),
            middle_name: text(name, "middle_name"),
            prefix: text(name, "prefix"),
            suffix: text(name, "suffix"),
        },
        phones: items(c, "phones")
            .map(|p| ContactPhone {
                phone: text(p, "phone").unwrap_or_default(),
                kind: text(p, "type"),
                wa_id: text(p, "wa_id"),
            })
            .collect(),
        emails: items(c, "emails")
            .map(|e| ContactEmail {
                email: text(e, "email").unwrap_or_default(),
                kind: text(e, "type"),
            })
            .collect(),
        urls: items(c, "urls")
            .map(|u| ContactUrl {
                url: text(u, "url").unwrap_or_default(),
                kind: text(u, "type"),
            })
            .collect(),
        addresses: items(c, "addresses")
            .map(|a| ContactAddress {
                street: text(a, "street"),
                city: text(a, "city"),
                state: text(a, "state"),
                zip: text(a, "zip"),
                country: text(a, "country"),
                country_code: text(a, "country_code"),
                kind: text(a, "type"),
            })
            .collect(),
        org: c.get("org").filter(|o| o.is_object()).map(|o| ContactOrg {
            company: text(o, "company"),
            department: text(o, "department"),
            title: text(o, "title"),
        }),
        birthday: text(c, "birthday"),
    }
}
