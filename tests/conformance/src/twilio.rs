//! Twilio's messaging API (`specs/realworld/twilio-messaging-v1.json`), with example calls.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/twilio-messaging-v1.json",
    example_calls
);

/// The generated server for the same spec, with `examples::ExampleServer` answering every
/// operation with an example of its first documented success.
pub mod service {
    jeri_macros::generate!(
        "../../../../shared/specs/realworld/twilio-messaging-v1.json",
        server,
        example_answers
    );
}
