//! Request bodies: the media types they may be sent in and how each is written.

use super::{Check, Docs, TypeRef};

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The body type.
    pub ty: TypeRef,
    /// `requestBody.required`.
    pub required: bool,
    /// `maxItems` when the body is an array: batch helpers split by it.
    pub max_items: Option<u64>,
    /// What the body must be, from the schema of the media type chosen (`media`):
    /// what a generated server checks. `None` for text and bytes.
    pub check: Option<Check>,
    /// Docs from the request body.
    pub docs: Docs,
    /// How the body is encoded. `ty` is the body's schema type for `Json` and
    /// `FormUrlEncoded`, `Vec<u8>` (`Array(Integer(U8))`) for `Bytes`, `String` for
    /// `Text`, and the runtime's multipart form for `Multipart` (then `ty` is `Json` and
    /// unused).
    pub media: BodyMedia,
    /// The media type as the spec names it (`application/graphql`, `image/*`, `*/*`).
    pub content_type: String,
    /// The typed form when `media` is `Multipart` and the schema is an object (inline or
    /// a reference); `None` leaves the body the runtime's untyped multipart form.
    pub form: Option<MultipartForm>,
    /// When the body is documented in several media types: every one of them, the
    /// preferred one (`ty`, `media`, `content_type`, `form`) first, then by kind and
    /// document order. The caller picks one per call. Empty when there is one.
    pub alternatives: Vec<BodyAlternative>,
    /// The spec's example of the preferred media type: its `example`, its first
    /// `examples` entry, or its (inline) schema's `example`. What example calls send.
    pub example: Option<serde_json::Value>,
}

impl Body {
    /// Every type the body may be sent as: `ty`, each alternative's, and the value
    /// fields of typed forms.
    pub fn types(&self) -> impl Iterator<Item = &TypeRef> {
        let forms = self
            .form
            .iter()
            .chain(self.alternatives.iter().filter_map(|a| a.form.as_ref()));
        std::iter::once(&self.ty)
            .chain(self.alternatives.iter().map(|a| &a.ty))
            .chain(forms.flat_map(MultipartForm::value_types))
    }

    /// [`Body::types`], for rewriting.
    pub fn types_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        let Body {
            ty,
            form,
            alternatives,
            ..
        } = self;
        let mut out: Vec<&mut TypeRef> = vec![ty];
        if let Some(form) = form {
            out.extend(form.value_types_mut());
        }
        for alternative in alternatives {
            out.push(&mut alternative.ty);
            if let Some(form) = &mut alternative.form {
                out.extend(form.value_types_mut());
            }
        }
        out.into_iter()
    }
}

/// One media type a request body may be sent in, when it is documented in several.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyAlternative {
    /// The variant name in the operation's body enum: the kind (`Json`, `Form`,
    /// `Multipart`, `Text`, `Bytes`), or, when a kind is documented more than once, the
    /// media type (`application/merge-patch+json` → `ApplicationMergePatchJson`).
    pub variant: String,
    /// How the body is encoded.
    pub media: BodyMedia,
    /// The body type, as for [`Body::ty`].
    pub ty: TypeRef,
    /// The media type as the spec names it.
    pub content_type: String,
    /// The typed form of a `multipart/*` alternative whose schema is an object.
    pub form: Option<MultipartForm>,
}

/// A `multipart/form-data` body whose schema is an object: one field per property.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartForm {
    /// PascalCase name of the form struct (`{Operation}Form`), unique in `requests`.
    pub name: String,
    /// The properties, in document order.
    pub fields: Vec<FormField>,
}

impl MultipartForm {
    fn value_types(&self) -> impl Iterator<Item = &TypeRef> {
        self.fields.iter().filter_map(|field| match &field.kind {
            FormFieldKind::Value(ty) => Some(ty),
            FormFieldKind::File | FormFieldKind::Files => None,
        })
    }

    fn value_types_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        self.fields
            .iter_mut()
            .filter_map(|field| match &mut field.kind {
                FormFieldKind::Value(ty) => Some(ty),
                FormFieldKind::File | FormFieldKind::Files => None,
            })
    }
}

/// One property of a typed multipart form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// snake_case Rust name, unique within the form.
    pub rust_name: String,
    /// The part name on the wire (the property name).
    pub wire_name: String,
    /// What the part holds.
    pub kind: FormFieldKind,
    /// Listed in `required`.
    pub required: bool,
    /// `encoding.<property>.contentType`, when the media type gives one.
    pub content_type: Option<String>,
    /// Docs from the property schema.
    pub docs: Docs,
}

/// What one multipart property holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FormFieldKind {
    /// A file (`type: string` with `format: binary` or `byte`): the runtime's file part.
    File,
    /// An array of files: one part per file, all under the property's name.
    Files,
    /// Any other value: primitives sent as text, objects as JSON (OpenAPI 3.0's defaults),
    /// arrays one part per item, unless the encoding names a content type.
    Value(TypeRef),
}

/// The encoding of a request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyMedia {
    /// `application/json`, `application/*+json` (also with parameters such as `charset`),
    /// and any other media type whose schema is an object, array or `$ref` (such as
    /// `application/graphql`): the body type serialized as JSON text.
    Json,
    /// `application/x-www-form-urlencoded`: the body type serialized as form fields,
    /// nested objects and arrays in brackets (`a[b]=c`, `a[]=c`).
    FormUrlEncoded,
    /// `multipart/form-data` (and other `multipart/*`): the runtime's multipart form, with
    /// text fields and file parts.
    Multipart,
    /// `text/*`: a string sent as is.
    Text,
    /// `application/octet-stream`, `image/*`, `*/*` and every other media type: raw bytes.
    Bytes,
}
