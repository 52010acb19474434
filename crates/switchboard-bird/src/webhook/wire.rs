//! The members of a Bird delivery the parser reads, as borrowing structs
//! (`switchboard_core::lenient`): every other member is read through and dropped. The
//! payload is kept as its raw JSON (`&RawValue`), the event's raw, and read on its own.

use switchboard_core::lenient::{Leaf, Obj, RawValue, Seq};
use switchboard_core::lenient_struct;

lenient_struct! {
    /// `{service, event, payload}`.
    pub struct Envelope<'a> {
        "service" => service: Leaf<'a>,
        "event" => event: Leaf<'a>,
        "payload" => payload: &'a RawValue,
    }
}

lenient_struct! {
    /// The payload of `whatsapp.inbound`, `whatsapp.outbound` and `whatsapp.interaction`
    /// (the members of all three).
    pub struct Payload<'a> {
        "id" => id: Leaf<'a>,
        "messageId" => message_id: Leaf<'a>,
        "type" => kind: Leaf<'a>,
        "status" => status: Leaf<'a>,
        "createdAt" => created_at: Leaf<'a>,
        "lastStatusAt" => last_status_at: Leaf<'a>,
        "reason" => reason: Leaf<'a>,
        "details" => details: Leaf<'a>,
        "platformReferenceId" => platform_reference_id: Leaf<'a>,
        "sender" => sender: Obj<Sender<'a>>,
        "receiver" => receiver: Obj<Receiver<'a>>,
        "meta" => meta: Obj<Meta<'a>>,
        "body" => body: Box<Obj<Body<'a>>>,
        "parts" => parts: Seq<Obj<Part<'a>>>,
        "replyTo" => reply_to: Obj<ReplyTo<'a>>,
        "failure" => failure: Obj<Failure<'a>>,
        "metadata" => metadata: Obj<Metadata<'a>>,
    }
}

lenient_struct! {
    pub struct Sender<'a> {
        "contact" => contact: Obj<Contact<'a>>,
    }
}

lenient_struct! {
    pub struct Contact<'a> {
        "identifierValue" => identifier_value: Leaf<'a>,
        "annotations" => annotations: Obj<Annotations<'a>>,
    }
}

lenient_struct! {
    pub struct Annotations<'a> {
        "name" => name: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Receiver<'a> {
        "contacts" => contacts: Seq<Obj<Contact<'a>>>,
    }
}

lenient_struct! {
    pub struct Meta<'a> {
        "extraInformation" => extra_information: Obj<ExtraInformation<'a>>,
    }
}

lenient_struct! {
    pub struct ExtraInformation<'a> {
        "timestamp" => timestamp: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Part<'a> {
        "platformReference" => platform_reference: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct ReplyTo<'a> {
        "type" => kind: Leaf<'a>,
        "id" => id: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Failure<'a> {
        "description" => description: Leaf<'a>,
        "code" => code: Leaf<'a>,
        "source" => source: Obj<FailureSource<'a>>,
    }
}

lenient_struct! {
    pub struct FailureSource<'a> {
        "code" => code: Leaf<'a>,
        "name" => name: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Metadata<'a> {
        "button" => button: Obj<MetadataButton<'a>>,
    }
}

lenient_struct! {
    pub struct MetadataButton<'a> {
        "payload" => payload: Leaf<'a>,
    }
}

lenient_struct! {
    /// An inbound message's `body`: its `type` and the object of that type.
    pub struct Body<'a> {
        "type" => kind: Leaf<'a>,
        "text" => text: Obj<Text<'a>>,
        "image" => image: Obj<Image<'a>>,
        "file" => file: Obj<File<'a>>,
        "location" => location: Obj<Location<'a>>,
    }
}

lenient_struct! {
    pub struct Text<'a> {
        "text" => text: Leaf<'a>,
        "actions" => actions: Seq<Obj<Action<'a>>>,
    }
}

lenient_struct! {
    pub struct Action<'a> {
        "type" => kind: Leaf<'a>,
        "postback" => postback: Obj<Postback<'a>>,
    }
}

lenient_struct! {
    pub struct Postback<'a> {
        "payload" => payload: Leaf<'a>,
        "text" => text: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Image<'a> {
        "text" => text: Leaf<'a>,
        "images" => images: Seq<Obj<MediaFile<'a>>>,
    }
}

lenient_struct! {
    pub struct File<'a> {
        "text" => text: Leaf<'a>,
        "files" => files: Seq<Obj<MediaFile<'a>>>,
    }
}

lenient_struct! {
    /// An `images[]` or `files[]` entry.
    pub struct MediaFile<'a> {
        "mediaUrl" => media_url: Leaf<'a>,
        "contentType" => content_type: Leaf<'a>,
        "filename" => filename: Leaf<'a>,
        "metadata" => metadata: Obj<FileMetadata<'a>>,
    }
}

lenient_struct! {
    pub struct FileMetadata<'a> {
        "isAnimated" => is_animated: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Location<'a> {
        "coordinates" => coordinates: Obj<Coordinates<'a>>,
        "location" => location: Obj<Place<'a>>,
    }
}

lenient_struct! {
    pub struct Coordinates<'a> {
        "latitude" => latitude: Leaf<'a>,
        "longitude" => longitude: Leaf<'a>,
    }
}

lenient_struct! {
    pub struct Place<'a> {
        "label" => label: Leaf<'a>,
        "address" => address: Leaf<'a>,
    }
}
