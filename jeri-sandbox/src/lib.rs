//! A local, stateful JeriCommerce server built from the same OpenAPI spec as jeri-client.
