//! Documented responses: the statuses they cover and how their bodies are read.

use super::TypeRef;

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// `1XX`…`5XX`: the hundreds digit.
    Range(u16),
    /// `default`.
    Default,
}

impl StatusMatch {
    /// The statuses as the spec writes them: `200`, `4XX`, `default`.
    pub fn label(self) -> String {
        match self {
            StatusMatch::Code(code) => code.to_string(),
            StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
            StatusMatch::Default => "default".to_owned(),
        }
    }
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The statuses it covers.
    pub status: StatusMatch,
    /// The body type; `None` when the response has no content. `String` for `text/*`
    /// bodies, `Vec<u8>` (`Array(Integer(U8))`) for other non-JSON bodies.
    pub ty: Option<TypeRef>,
    /// How the body is read.
    pub media: ResponseMedia,
    /// The media type a server answers with: as the spec names it, or
    /// `text/plain` / `application/octet-stream` when it names a range (`text/*`,
    /// `*/*`); `None` without content.
    pub content_type: Option<String>,
    /// Every media type (or range, such as `image/*`) the spec documents the body in, as
    /// written and in the order written, which the client asks for in `Accept`; empty
    /// without content.
    pub accept: Vec<String>,
    /// When the body is documented in media types of different kinds (JSON, text,
    /// bytes; or JSON of different schemas): each kind the client decodes by the
    /// response's `Content-Type`, the preferred one (`ty`, `media`) first, then in
    /// kind order (JSON, text, bytes) and document order. Empty otherwise: the body is
    /// read as `media` says whatever its `Content-Type`.
    pub alternatives: Vec<MediaAlternative>,
    /// When the preferred media type is a stream (Server-Sent Events, JSON Lines): how
    /// its items are read. `ty` and `media` then say how a server writes the body whole
    /// (`String` text, bytes), as before streams were read.
    pub stream: Option<StreamBody>,
    /// The rules of the preferred body's schema (what a server's answer must meet), for
    /// JSON and text bodies with a schema; `None` for others.
    pub check: Option<crate::model::Check>,
    /// The response's description.
    pub description: String,
}

/// A success body the client hands out item by item as it arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamBody {
    /// Events or lines.
    pub kind: StreamKind,
    /// The type of each event's `data`, or of each line (see `build::stream` for the
    /// rule that picks it).
    pub item: TypeRef,
    /// For events, the `data` that ends the stream (the `stream_end` setting; `[DONE]`
    /// unless set otherwise), not handed out; `None`: the body's end alone ends it.
    pub end: Option<String>,
}

/// The streaming media types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamKind {
    /// `text/event-stream`: Server-Sent Events.
    Events,
    /// `application/jsonl`, `application/x-ndjson`, `application/json-seq`: one JSON
    /// value per line (or per record).
    JsonLines,
}

impl Response {
    /// Every body type it may be read as: `ty` and each alternative's.
    pub fn body_types(&self) -> impl Iterator<Item = &TypeRef> {
        self.ty
            .iter()
            .chain(self.stream.iter().map(|stream| &stream.item))
            .chain(self.alternatives.iter().flat_map(|alternative| {
                std::iter::once(&alternative.ty)
                    .chain(alternative.stream.iter().map(|stream| &stream.item))
            }))
    }

    /// [`Response::body_types`], for rewriting.
    pub fn body_types_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        self.ty
            .iter_mut()
            .chain(self.stream.iter_mut().map(|stream| &mut stream.item))
            .chain(self.alternatives.iter_mut().flat_map(|alternative| {
                std::iter::once(&mut alternative.ty)
                    .chain(alternative.stream.iter_mut().map(|stream| &mut stream.item))
            }))
    }
}

/// One way a response documented in several media types may come back.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaAlternative {
    /// The variant name: `Json`, `Text` or `Bytes`; when several JSON schemas are
    /// documented, each JSON variant is named after its first media type
    /// (`application/vnd.api+json` → `ApplicationVndApiJson`).
    pub variant: String,
    /// How the body is read: `Json`, `Text` or `Bytes`.
    pub media: ResponseMedia,
    /// The body type (`String` for text, `Vec<u8>` for bytes).
    pub ty: TypeRef,
    /// The documented media types (or ranges) read this way, as written.
    pub media_types: Vec<String>,
    /// When these media types are a stream: how its items are read (the variant holds
    /// the stream, not `ty`).
    pub stream: Option<StreamBody>,
}

/// How a response body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseMedia {
    /// No content documented.
    Empty,
    /// JSON (`application/json`, `*/*+json`), decoded as the type.
    Json,
    /// `text/*`: the text.
    Text,
    /// Any other media type: the bytes.
    Bytes,
}
