//! Inbound contact cards, read leniently (unknown fields are ignored, missing ones empty).

use super::wire::{Card, CardItem};
use switchboard_core::lenient::{LeafOf, Obj, ObjOf, Seq, SeqOf};
use switchboard_core::{
    Contact, ContactAddress, ContactEmail, ContactName, ContactOrg, ContactPhone, ContactUrl,
};

/// The fields of each item of `items`; an item that is no object has none (`none`).
fn items<'s, 'a: 's>(
    items: &'s Option<Seq<Obj<CardItem<'a>>>>,
    none: &'s CardItem<'a>,
) -> impl Iterator<Item = &'s CardItem<'a>> + 's {
    items
        .items()
        .iter()
        .map(move |i| i.0.as_ref().unwrap_or(none))
}

pub fn parse(cards: &[Obj<Card>]) -> Vec<Contact> {
    cards.iter().map(|c| card(c.0.as_ref())).collect()
}

fn card(c: Option<&Card>) -> Contact {
    let (none, no_item) = (Card::default(), CardItem::default());
    let c = c.unwrap_or(&none);
    let name = c.name.obj();
    let name_of = |f: fn(&super::wire::CardName) -> Option<String>| name.and_then(f);
    Contact {
        name: ContactName {
            formatted_name: name_of(|n| n.formatted_name.string()).unwrap_or_default(),
            first_name: name_of(|n| n.first_name.string()),
            last_name: name_of(|n| n.last_name.string()),
            middle_name: name_of(|n| n.middle_name.string()),
            prefix: name_of(|n| n.prefix.string()),
            suffix: name_of(|n| n.suffix.string()),
        },
        phones: items(&c.phones, &no_item)
            .map(|p| ContactPhone {
                phone: p.phone.string().unwrap_or_default(),
                kind: p.kind.string(),
                wa_id: p.wa_id.string(),
            })
            .collect(),
        emails: items(&c.emails, &no_item)
            .map(|e| ContactEmail {
                email: e.email.string().unwrap_or_default(),
                kind: e.kind.string(),
            })
            .collect(),
        urls: items(&c.urls, &no_item)
            .map(|u| ContactUrl {
                url: u.url.string().unwrap_or_default(),
                kind: u.kind.string(),
            })
            .collect(),
        addresses: items(&c.addresses, &no_item)
            .map(|a| ContactAddress {
                street: a.street.string(),
                city: a.city.string(),
                state: a.state.string(),
                zip: a.zip.string(),
                country: a.country.string(),
                country_code: a.country_code.string(),
                kind: a.kind.string(),
            })
            .collect(),
        org: c.org.obj().map(|o| ContactOrg {
            company: o.company.string(),
            department: o.department.string(),
            title: o.title.string(),
        }),
        birthday: c.birthday.string(),
    }
}
