//! Twilio Messaging v1 (`specs/realworld/twilio-messaging-v1.json`, 58 operations): http
//! `basic` security and form bodies.

jeri_macros::generate!("../../../../shared/specs/realworld/twilio-messaging-v1.json");
