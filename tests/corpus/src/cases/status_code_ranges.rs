//! Case `14-status-code-ranges`: `2XX`/`4XX`/`5XX` response keys beside explicit codes.

jeri_macros::generate!("../../../../../shared/cases/14-status-code-ranges.yaml");
