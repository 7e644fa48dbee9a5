//! Defects of the published specs that make an operation fail Prism's judgement as
//! written, each named with the spec's own fault, and the limits of Prism itself. A
//! failure not listed here is a bug of the generator or the runtime, and fails the test.

/// `(spec or `*`, operationId or `*` for every operation, text the failure contains,
/// the defect)`.
const DEFECTS: &[(&str, &str, &str, &str)] = &[
    // Any spec: a request Prism refuses in front of a mock is refused in front of the
    // generated server too, before the server sees it; the request failure names why.
    (
        "*",
        "*",
        crate::proxied::REFUSED_BY_PRISM,
        "judged by the request check: see the operation's request failure",
    ),
    // buildomat: `responses: {}`.
    (
        "buildomat",
        "task_output_download",
        "the spec documents no response",
        "spec defect: the operation documents no response (OpenAPI requires at least one), so a server has nothing to answer with",
    ),
    // memos: Google-style custom methods and a `*` segment, which the generated server
    // cannot route; they are left out of it with `skip(...)` (`src/memos.rs`).
    (
        "memos",
        "*",
        "answered Some(404)",
        "a limit of the generated server, not a defect of the spec: it routes whole path segments only, so paths such as `/users/{user}:getStats` and `/instance/{instance}/*` are left out of it with `skip(...)`",
    ),
    // nexus: redirects whose `Location` header is required.
    (
        "nexus",
        "*",
        "Response header must have required property 'location'",
        "a limit of the generated server, not a defect of the spec: response headers are not in the model yet, so a redirect's required `Location` is not answered",
    ),
    // nexus: WebSocket upgrades.
    (
        "nexus",
        "*",
        "101 Switching Protocols",
        "not an HTTP answer: a WebSocket upgrade is performed by a handler itself, not built from an example",
    ),
    // Any spec: Prism answered with the spec's own example, and says the example breaks
    // the spec's schema (a string where an array is declared, a required property
    // missing, a property a closed object does not list).
    (
        "*",
        "*",
        crate::judge::SPEC_BREAKS_ITSELF,
        EXAMPLE_BREAKS_SCHEMA,
    ),
    // kratos: the flow bodies are `oneOf`s whose alternatives overlap. Each alternative
    // allows any other property, and several require only `method` (a plain string, or
    // an enum listing more than one method), so a body for one method also matches
    // another's schema: `oneOf` needs exactly one match, and Prism (ajv) does not use
    // the `discriminator` to choose.
    (
        "kratos",
        "updateLoginFlow",
        "must match exactly one schema in oneOf",
        OVERLAPPING_ONE_OF,
    ),
    (
        "kratos",
        "updateRegistrationFlow",
        "must match exactly one schema in oneOf",
        OVERLAPPING_ONE_OF,
    ),
    (
        "kratos",
        "updateRecoveryFlow",
        "must match exactly one schema in oneOf",
        OVERLAPPING_ONE_OF,
    ),
    (
        "kratos",
        "updateVerificationFlow",
        "must match exactly one schema in oneOf",
        OVERLAPPING_ONE_OF,
    ),
    // nexus: integers whose range is stated only by a non-standard `format` (`uint8`,
    // `uint16`: Oxide's Rust types) with `minimum: 0` and no `maximum`. JSON Schema
    // ignores formats it does not know, so Prism's made-up values go up to millions; a
    // real server (whose fields are `u8`, `u16`) never sends them, and the client keeps
    // the format's Rust type.
    ("nexus", "*", "expected u16", UNBOUNDED_FORMAT),
    ("nexus", "*", "expected u8", UNBOUNDED_FORMAT),
    // `Datum`'s `bytes` alternative: an array of `uint8` items.
    (
        "nexus",
        "*",
        "did not match any variant of untagged enum Datum",
        UNBOUNDED_FORMAT,
    ),
    // haystack: `files`, an array of files, sent as one part per file (OpenAPI's
    // multipart encoding of an array).
    (
        "haystack",
        "upload_file",
        "Request body property files must be array",
        MULTIPART_ARRAYS,
    ),
    // hyperswitch and talon-one (`--features large`): examples and schemas that disagree.
    (
        "hyperswitch",
        "*",
        "invalid type: string \"[{",
        "spec defect: the response example writes an array as a JSON string (`\"[{…}]\"`) where the schema declares an array",
    ),
    (
        "hyperswitch",
        "*",
        "unknown field `accepted_countries`",
        "spec defect: the response example has `accepted_countries`, which its closed schema (`additionalProperties: false`) does not list",
    ),
    (
        "hyperswitch",
        "*",
        "missing field `net_amount`",
        "spec defect: the response example lacks `net_amount`, which its schema requires",
    ),
    (
        "hyperswitch",
        "Create a Refund",
        "must be at least 30 characters long",
        "spec defect: the spec's example of `payment_id` is shorter than the schema's own `minLength: 30`, so the client refuses it before sending",
    ),
    (
        "hyperswitch",
        "*",
        "algorithm must match exactly one schema in oneOf",
        "spec defect: the `oneOf` alternatives of `algorithm` overlap, so the smallest value of the first also matches another",
    ),
    (
        "talon-one",
        "listAllRolesV2",
        "exceeds the 33554432-byte limit",
        "Prism's limit: in dynamic mode it built a body larger than the client's 32 MiB body limit, which the client refuses as it should",
    ),
    (
        "talon-one",
        "*",
        "The received media type \"\" does not match",
        "spec defect: a `204` documented with content; RFC 9110 gives a 204 none, so the server sends none, which Prism, reading the spec, calls a missing body",
    ),
    // What schemathesis reports of the generated servers (`schemathesis.rs`); each
    // entry names the text of one failure's report.
    ("*", "*", "not application/xml", XML_BODY),
    ("nexus", "*", "must be <= 4294967295", FORMAT_RANGE),
    ("nexus", "*", "must be <= 65535", FORMAT_RANGE),
    ("nexus", "*", "must be <= 255", FORMAT_RANGE),
    ("nexus", "*", "must be of type integer", FORMAT_RANGE),
    ("kratos", "*", "must be >= 0", FORMAT_RANGE),
    ("kratos", "*", "must be <= 255", FORMAT_RANGE),
    (
        "kratos",
        "*",
        "body must match exactly one of",
        OVERLAPPING_ONE_OF,
    ),
    ("kratos", "*", "provider is required", OVERLAPPING_ONE_OF),
    ("haystack", "*", "must be of type integer", WIDE_INTEGER),
    ("talon-one", "*", "must be of type integer", WIDE_INTEGER),
    (
        "talon-one",
        "*",
        "Value not matching the '^[^\\x00-\\x1F\\x7F-\\x9F",
        "spec defect: the pattern uses the POSIX class `[:cntrl:]`, which ECMA-262 (JSON Schema's dialect) does not have; schemathesis reads it with the C1 controls (U+0080–U+009F), the Rust regex crate as the ASCII controls only",
    ),
    ("haystack", "*", "files is required", EMPTY_ARRAY_IN_FORM),
    ("haystack", "*", "files: Incorrect type", TEXT_IN_FORM),
    (
        "petstore",
        "*",
        "photoUrls is required",
        EMPTY_ARRAY_IN_FORM,
    ),
    ("petstore", "*", "Incorrect type", TEXT_IN_FORM),
    ("twilio", "*", "Samples is required", EMPTY_ARRAY_IN_FORM),
    (
        "twilio",
        "*",
        "UseCaseCategories is required",
        EMPTY_ARRAY_IN_FORM,
    ),
    (
        "twilio",
        "*",
        "OptInImageUrls is required",
        EMPTY_ARRAY_IN_FORM,
    ),
    ("twilio", "*", "Incorrect type", TEXT_IN_FORM),
    ("twilio", "*", "UseCaseCategories=null", NULL_IN_FORM),
    ("twilio", "*", "violates `required`", EMPTY_OPTIONAL_BODY),
    (
        "twilio",
        "*",
        "Missing required property",
        EMPTY_OPTIONAL_BODY,
    ),
    ("buildomat", "*", "body is required", EMPTY_BYTES),
];

const XML_BODY: &str = "a limit of the generated server, not a defect of the spec: it reads JSON, forms, multipart, text and bytes; a body sent as XML (documented beside JSON) is refused with 400";

const FORMAT_RANGE: &str = "spec defect: the range is stated only by `format` (`uint8`…`uint32`, no `maximum`), so schemathesis, reading JSON Schema, sends integers larger than the Rust type the format names, which the server refuses";

const WIDE_INTEGER: &str = "a limit of the generated server, not a defect of the spec: an integer without `format` is an `i64`, and schemathesis sends integers wider than that, which JSON Schema allows";

const EMPTY_ARRAY_IN_FORM: &str = "not a defect: a form cannot tell an empty array from an absent field (no occurrence of either), so schemathesis's required array with no items arrives as a missing field";

const TEXT_IN_FORM: &str = "schemathesis's limit, not the server's: its invalid value for an array or file field becomes, once written into a form, text that is a valid item or file content";

const NULL_IN_FORM: &str = "not a defect: schemathesis writes a JSON `null` item into a form as the text `null`, which a form cannot tell from the string";

const EMPTY_OPTIONAL_BODY: &str = "not a defect: the request body is optional, and a form with no fields is no body (RFC 9110: an empty content), which the server accepts";

const EMPTY_BYTES: &str = "not a defect: a required `application/octet-stream` body sent with no content is read as no body, and refused as missing";

const EXAMPLE_BREAKS_SCHEMA: &str =
    "spec defect: the spec's example does not match its own schema (Prism's violations quoted)";

const MULTIPART_ARRAYS: &str = "Prism's limit, not the client's: Prism reads repeated parts of a multipart form as one value (stoplightio/prism pull request 2654, open), so a form with an array property never passes";

const OVERLAPPING_ONE_OF: &str = "spec defect: the body's `oneOf` alternatives overlap (a body for one method also matches another method's schema), so no body matches exactly one";

const UNBOUNDED_FORMAT: &str = "spec defect: the range is stated only by `format: uint8`/`uint16` (no `maximum`), which JSON Schema tools such as Prism's generator ignore";

/// The named defect behind a failure of `operation` in `spec` that says `failure`.
pub fn named(spec: &str, operation: &str, failure: &str) -> Option<&'static str> {
    DEFECTS
        .iter()
        .find(|(s, op, text, _)| {
            (*s == spec || *s == "*") && (*op == operation || *op == "*") && failure.contains(text)
        })
        .map(|(_, _, _, why)| *why)
}
