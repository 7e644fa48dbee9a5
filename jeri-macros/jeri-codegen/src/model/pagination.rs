//! How a list operation pages: where its items are and how the next page is asked for.

/// An operation's pagination, from `x-dropshot-pagination`, `x-speakeasy-pagination` or
/// the `pagination(...)` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The success body's property holding the page's items (wire name); `None`: the
    /// body is the list itself.
    pub items: Option<String>,
    /// How the page after one is found.
    pub next: NextRule,
    /// Where the rule comes from, as the docs say it (`x-dropshot-pagination`).
    pub source: String,
}

/// How the next page is found from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextRule {
    /// The query parameter `param` (wire name) takes the value of the body's property
    /// `property`; a page without one (null, absent, empty) is the last.
    Cursor {
        /// The cursor parameter.
        param: String,
        /// The body's property holding the next cursor.
        property: String,
    },
    /// Stripe's form: while the body's boolean `has_more` is true, the query parameter
    /// `param` takes the `field` of the page's last item.
    LastItem {
        /// The cursor parameter (`starting_after`).
        param: String,
        /// The body's boolean property saying more pages follow (`has_more`).
        has_more: String,
        /// The item's property the cursor is made from (`id`).
        field: String,
    },
    /// The integer query parameter `param` grows by the number of items on each page
    /// (`offset`), or by one (`page`, when `per_item` is false); an empty page is the
    /// last.
    Offset {
        /// The offset or page-number parameter.
        param: String,
        /// `true`: an offset counted in items; `false`: a page number.
        per_item: bool,
    },
    /// The body's property `property` holds the next page's URL; none is the last page.
    NextUrl {
        /// The property holding the URL.
        property: String,
    },
    /// The `Link` response header's `rel="next"` target is the next page's URL (RFC 8288,
    /// as GitHub pages); none is the last page.
    LinkHeader,
}
