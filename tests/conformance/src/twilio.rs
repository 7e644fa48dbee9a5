//! Twilio's messaging API (`specs/realworld/twilio-messaging-v1.json`), with example calls.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/twilio-messaging-v1.json",
    example_calls
);
