//! The members of a delivery the parser reads, as borrowing structs
//! (`switchboard_core::lenient`): every other member is read through and dropped.
//!
//! [`Parts::object`]: switchboard_core::lenient::Parts::object Each
//! message and status is kept as its raw JSON (`&RawValue`) and read on its own, so its
//! event keeps the provider's bytes without a copy into a `Value`.

use std::borrow::Cow;
use switchboard_core::lenient::{
    self, Fields, Last, Leaf, LeafOf, MapAccess, Obj, RawValue, Seq, Skip,
};
use switchboard_core::lenient_struct;

lenient_struct! {
    /// A body: a `whatsapp_business_account` envelope, or a flat On-Premise value.
    pub struct Body<'a> {
        "entry" => entry: Seq<Obj<Entry<'a>>>,
        "contacts" => contacts: Seq<Obj<Contact<'a>>>,
        "messages" => messages: Seq<&'a RawValue>,
        "statuses" => statuses: Seq<&'a RawValue>,
        "errors" => errors: Seq<Obj<ErrorItem<'a>>>,
    }
}

lenient_struct! {
    pub struct Entry<'a> {
        "id" => id: Leaf<'a>,
        "time" => time: Leaf<'a>,
        "changes" => changes: Seq<Obj<Change<'a>>>,
    }
}

/// A change: its `field`, and its `value` read into [`Value`] (or kept raw when a `field`
/// other than `messages` came first: its event keeps the whole change). Where its first
/// member's name and its last member's value stand is kept, so an event can take the
/// change's own text without a second read ([`Parts::object`]).
#[derive(Default)]
pub struct Change<'a> {
    pub field: Option<Leaf<'a>>,
    pub value: Option<Obj<Value<'a>>>,
    pub value_raw: Option<&'a RawValue>,
    /// The first member's name, when borrowed from the body (`Some(None)`: it was not).
    pub first_key: Option<Option<&'a str>>,
    /// The last member's value, when borrowed from the body.
    pub last: Option<Last<'a>>,
}

impl<'de: 'a, 'a> Fields<'de> for Change<'a> {
    fn field<A: MapAccess<'de>>(
        &mut self,
        key: &Cow<'de, str>,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        if self.first_key.is_none() {
            self.first_key = Some(match key {
                Cow::Borrowed(k) => Some(k),
                Cow::Owned(_) => None,
            });
        }
        self.last = None;
        match &**key {
            "field" => {
                let field: Leaf<'de> = map.next_value()?;
                if let Leaf::Str(Cow::Borrowed(s)) = field {
                    self.last = Some(Last::Str(s));
                }
                self.field = Some(field);
            }
            "value" if self.field.str().is_some_and(|f| f != "messages") => {
                let raw: &RawValue = map.next_value()?;
                self.last = Some(Last::Raw(raw.get()));
                (self.value, self.value_raw) = (None, Some(raw));
            }
            "value" => (self.value, self.value_raw) = (Some(map.next_value()?), None),
            _ => {
                map.next_value::<Skip>()?;
            }
        }
        Ok(true)
    }
}

impl<'a> Change<'a> {
    /// The value, read from its raw JSON when it was kept raw.
    pub fn value(&mut self) -> Result<Option<Value<'a>>, serde_json::Error> {
        Ok(match (self.value.take(), self.value_raw) {
            (Some(Obj(v)), _) => v,
            (None, Some(raw)) => lenient::from_raw::<Obj<Value>>(raw)?.0,
            (None, None) => None,
        })
    }
}

lenient_struct! {
    /// A change `value`: a `messages` value, or an account change's.
    pub struct Value<'a> {
        "contacts" => contacts: Seq<Obj<Contact<'a>>>,
        "messages" => messages: Seq<&'a RawValue>,
        "statuses" => statuses: Seq<&'a RawValue>,
        "errors" => errors: Seq<Obj<ErrorItem<'a>>>,
        "event" => event: Leaf<'a>,
        "message_template_id" => message_template_id: Leaf<'a>,
        "message_template_name" => message_template_name: Leaf<'a>,
        "message_template_language" => message_template_language: Leaf<'a>,
        "reason" => reason: Leaf<'a>,
        "previous_quality_score" => previous_quality_score: Leaf<'a>,
        "new_quality_score" => new_quality_score: Leaf<'a>,
        "display_phone_number" => display_phone_number: Leaf<'a>,
        "current_limit" => current_limit: Leaf<'a>,
        "phone_number" => phone_number: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Contact<'a> {
        "wa_id" => wa_id: Leaf<'a>,
        "user_id" => user_id: Leaf<'a>,
        "parent_user_id" => parent_user_id: Leaf<'a>,
        "profile" => profile: Obj<Profile<'a>>,
    }
}

lenient_struct! {
    pub struct Profile<'a> {
        "name" => name: Leaf<'a>,
        "username" => username: Leaf<'a>,
    }
}

lenient_struct! {
    /// An `errors[]` entry: Cloud `{code, title, message, error_data.details}`, On-Premise
    /// `{code, title, details}`.
    pub struct ErrorItem<'a> {
        "code" => code: Leaf<'a>,
        "title" => title: Leaf<'a>,
        "message" => message: Leaf<'a>,
        "details" => details: Leaf<'a>,
        "error_data" => error_data: Obj<ErrorData<'a>>,
    }
}

lenient_struct! {
    pub struct ErrorData<'a> {
        "details" => details: Leaf<'a>,
    }
}

lenient_struct! {
    /// A message, with an object for each kind of content (the one its `type` names is read;
    /// boxed: only the one present is allocated, and the message stays small to move).
    pub struct Message<'a> {
        "id" => id: Leaf<'a>,
        "type" => kind: Leaf<'a>,
        "from" => from: Leaf<'a>,
        "from_user_id" => from_user_id: Leaf<'a>,
        "from_parent_user_id" => from_parent_user_id: Leaf<'a>,
        "group_id" => group_id: Leaf<'a>,
        "timestamp" => timestamp: Leaf<'a>,
        "context" => context: Obj<Context<'a>>,
        "referral" => referral: Box<Obj<Referral<'a>>>,
        "errors" => errors: Seq<Obj<ErrorItem<'a>>>,
        "text" => text: Box<Obj<Text<'a>>>,
        "image" => image: Box<Obj<Media<'a>>>,
        "video" => video: Box<Obj<Media<'a>>>,
        "audio" => audio: Box<Obj<Media<'a>>>,
        "voice" => voice: Box<Obj<Media<'a>>>,
        "document" => document: Box<Obj<Media<'a>>>,
        "sticker" => sticker: Box<Obj<Media<'a>>>,
        "interactive" => interactive: Box<Obj<Interactive<'a>>>,
        "button" => button: Box<Obj<Button<'a>>>,
        "location" => location: Box<Obj<Location<'a>>>,
        "contacts" => contacts: Seq<Obj<Card<'a>>>,
        "reaction" => reaction: Box<Obj<Reaction<'a>>>,
        "order" => order: Box<Obj<Order<'a>>>,
        "system" => system: Box<Obj<System<'a>>>,
        "unsupported" => unsupported: Box<Obj<Typed<'a>>>,
        "unknown" => unknown: Box<Obj<Typed<'a>>>,
        "edit" => edit: Box<Obj<Edit<'a>>>,
        "revoke" => revoke: Box<Obj<Revoke<'a>>>,
    }
}

lenient_struct! {
    pub struct Context<'a> {
        "id" => id: Leaf<'a>,
        "forwarded" => forwarded: Leaf<'a>,
        "frequently_forwarded" => frequently_forwarded: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Referral<'a> {
        "source_id" => source_id: Leaf<'a>,
        "source_type" => source_type: Leaf<'a>,
        "source_url" => source_url: Leaf<'a>,
        "headline" => headline: Leaf<'a>,
        "body" => body: Leaf<'a>,
        "media_type" => media_type: Leaf<'a>,
        "image_url" => image_url: Leaf<'a>,
        "video_url" => video_url: Leaf<'a>,
        "thumbnail_url" => thumbnail_url: Leaf<'a>,
        "ctwa_clid" => ctwa_clid: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Text<'a> {
        "body" => body: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Media<'a> {
        "id" => id: Leaf<'a>,
        "link" => link: Leaf<'a>,
        "url" => url: Leaf<'a>,
        "mime_type" => mime_type: Leaf<'a>,
        "sha256" => sha256: Leaf<'a>,
        "caption" => caption: Leaf<'a>,
        "filename" => filename: Leaf<'a>,
        "voice" => voice: Leaf<'a>,
        "animated" => animated: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Interactive<'a> {
        "type" => kind: Leaf<'a>,
        "button_reply" => button_reply: Obj<Reply<'a>>,
        "list_reply" => list_reply: Obj<Reply<'a>>,
        "nfm_reply" => nfm_reply: Obj<FlowReply<'a>>,
    }
}

lenient_struct! {
    pub struct Reply<'a> {
        "id" => id: Leaf<'a>,
        "title" => title: Leaf<'a>,
        "description" => description: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct FlowReply<'a> {
        "name" => name: Leaf<'a>,
        "body" => body: Leaf<'a>,
        "response_json" => response_json: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Button<'a> {
        "payload" => payload: Leaf<'a>,
        "text" => text: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Location<'a> {
        "latitude" => latitude: Leaf<'a>,
        "longitude" => longitude: Leaf<'a>,
        "name" => name: Leaf<'a>,
        "address" => address: Leaf<'a>,
        "url" => url: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Reaction<'a> {
        "message_id" => message_id: Leaf<'a>,
        "emoji" => emoji: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Order<'a> {
        "catalog_id" => catalog_id: Leaf<'a>,
        "text" => text: Leaf<'a>,
        "product_items" => product_items: Seq<Obj<OrderItem<'a>>>,
    }
}

lenient_struct! {
    pub struct OrderItem<'a> {
        "product_retailer_id" => product_retailer_id: Leaf<'a>,
        "quantity" => quantity: Leaf<'a>,
        "item_price" => item_price: Leaf<'a>,
        "currency" => currency: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct System<'a> {
        "type" => kind: Leaf<'a>,
        "body" => body: Leaf<'a>,
        "wa_id" => wa_id: Leaf<'a>,
        "new_wa_id" => new_wa_id: Leaf<'a>,
        "user_id" => user_id: Leaf<'a>,
        "previous_user_id" => previous_user_id: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Typed<'a> {
        "type" => kind: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Edit<'a> {
        "original_message_id" => original_message_id: Leaf<'a>,
        "message" => message: Obj<Message<'a>>,
    }
}

lenient_struct! {
    pub struct Revoke<'a> {
        "original_message_id" => original_message_id: Leaf<'a>,
    }
}

lenient_struct! {
    /// An inbound contact card.
    pub struct Card<'a> {
        "name" => name: Obj<CardName<'a>>,
        "phones" => phones: Seq<Obj<CardItem<'a>>>,
        "emails" => emails: Seq<Obj<CardItem<'a>>>,
        "urls" => urls: Seq<Obj<CardItem<'a>>>,
        "addresses" => addresses: Seq<Obj<CardItem<'a>>>,
        "org" => org: Obj<CardOrg<'a>>,
        "birthday" => birthday: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct CardName<'a> {
        "formatted_name" => formatted_name: Leaf<'a>,
        "first_name" => first_name: Leaf<'a>,
        "last_name" => last_name: Leaf<'a>,
        "middle_name" => middle_name: Leaf<'a>,
        "prefix" => prefix: Leaf<'a>,
        "suffix" => suffix: Leaf<'a>,
    }
}

lenient_struct! {
    /// A card's phone, e-mail, URL or address (the members of all four).
    pub struct CardItem<'a> {
        "type" => kind: Leaf<'a>,
        "phone" => phone: Leaf<'a>,
        "wa_id" => wa_id: Leaf<'a>,
        "email" => email: Leaf<'a>,
        "url" => url: Leaf<'a>,
        "street" => street: Leaf<'a>,
        "city" => city: Leaf<'a>,
        "state" => state: Leaf<'a>,
        "zip" => zip: Leaf<'a>,
        "country" => country: Leaf<'a>,
        "country_code" => country_code: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct CardOrg<'a> {
        "company" => company: Leaf<'a>,
        "department" => department: Leaf<'a>,
        "title" => title: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Status<'a> {
        "id" => id: Leaf<'a>,
        "status" => status: Leaf<'a>,
        "timestamp" => timestamp: Leaf<'a>,
        "recipient_id" => recipient_id: Leaf<'a>,
        "recipient_user_id" => recipient_user_id: Leaf<'a>,
        "recipient_type" => recipient_type: Leaf<'a>,
        "recipient_participant_id" => recipient_participant_id: Leaf<'a>,
        "recipient_participant_user_id" => recipient_participant_user_id: Leaf<'a>,
        "group_id" => group_id: Leaf<'a>,
        "biz_opaque_callback_data" => biz_opaque_callback_data: Leaf<'a>,
        "errors" => errors: Seq<Obj<ErrorItem<'a>>>,
        "conversation" => conversation: Obj<Conversation<'a>>,
        "pricing" => pricing: Obj<Pricing<'a>>,
    }
}

lenient_struct! {
    pub struct Conversation<'a> {
        "id" => id: Leaf<'a>,
        "origin" => origin: Obj<Typed<'a>>,
        "expiration_timestamp" => expiration_timestamp: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Pricing<'a> {
        "billable" => billable: Leaf<'a>,
        "category" => category: Leaf<'a>,
        "pricing_model" => pricing_model: Leaf<'a>,
        "type" => kind: Leaf<'a>,
    }
}
