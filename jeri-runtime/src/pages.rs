//! Pages of a list operation as one stream: each page's request sent through the
//! usual sending (retries, limits, hooks), the next one made from the page before.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use reqwest::header::{HeaderMap, LINK};

use super::request::{Request, RequestBase};
use super::{BoxFuture, Error, ResponseValue, execute_with_response};

/// Where the page after a given one is, as the operation's pagination says.
#[derive(Debug)]
pub enum NextPage<R> {
    /// This request gets it (the same request with a new cursor, offset or page).
    Request(R),
    /// The server named its URL (a `next` link, a `Link: <…>; rel="next"` header): the
    /// same request, sent to that URL instead of its own path and query. The URL may be
    /// relative to the transport's base URL; one on another origin ends the stream with
    /// [`Error::InvalidInput`], so that credentials never go elsewhere.
    Url(String),
    /// This was the last page.
    Last,
}

/// A request value whose transport and call options can be reached: implemented by
/// every generated request.
#[doc(hidden)]
pub trait WithBase {
    /// The request's transport and options.
    fn request_base(&mut self) -> &mut RequestBase;
}

/// How the next page is found from a page and the request that got it.
type NextOf<R> = fn(&R, &ResponseValue<<R as Request>::Output>) -> NextPage<R>;

/// The pages of a list operation, one at a time, until the last: a [`Stream`] of
/// `Result<Page, Error>` (a generated request's `pages()`).
///
/// Each page is requested once the one before it has been taken, through the
/// transport's usual sending: retries, timeouts, hooks, limits apply to each page's
/// request. A failed page is one `Err` item and then the end.
pub struct Pages<R: Request> {
    /// The request of the page being sent, kept to make the next one from.
    request: Option<R>,
    sending: Option<BoxFuture<Result<ResponseValue<R::Output>, Error>>>,
    next: NextOf<R>,
}

impl<R: Request> fmt::Debug for Pages<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("ended", &self.request.is_none())
            .finish_non_exhaustive()
    }
}

impl<R: Request + WithBase + Clone> Pages<R> {
    /// Pages starting with `first`'s, the next of each found by `next`. Called by
    /// generated code.
    #[doc(hidden)]
    pub fn new(first: R, next: NextOf<R>) -> Self {
        Self {
            request: Some(first),
            sending: None,
            next,
        }
    }

    /// The next page with its status and headers, as [`Stream::poll_next`] gives the
    /// page, for callers without a stream combinator library.
    pub fn poll_page(
        &mut self,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<ResponseValue<R::Output>, Error>>> {
        let Some(request) = &self.request else {
            return Poll::Ready(None);
        };
        let sending = self.sending.get_or_insert_with(|| {
            let request = request.clone();
            execute_with_response(request.prepare(), R::decode)
        });
        let page = match std::task::ready!(sending.as_mut().poll(context)) {
            Ok(page) => page,
            Err(error) => {
                self.request = None;
                self.sending = None;
                return Poll::Ready(Some(Err(error)));
            }
        };
        self.sending = None;
        let Some(mut request) = self.request.take() else {
            return Poll::Ready(None);
        };
        self.request = match (self.next)(&request, &page) {
            NextPage::Request(next) => Some(next),
            NextPage::Last => None,
            NextPage::Url(url) => {
                request.request_base().set_next_url(url);
                Some(request)
            }
        };
        Poll::Ready(Some(Ok(page)))
    }
}

impl<R: Request + WithBase + Clone + Unpin> Stream for Pages<R> {
    type Item = Result<R::Output, Error>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut()
            .poll_page(context)
            .map(|page| page.map(|page| page.map(ResponseValue::into_value)))
    }
}

/// The items of a list operation across its pages, in order, until the last page: a
/// [`Stream`] of `Result<Item, Error>` (a generated request's `items()` and the
/// client's `…_stream` methods). Pages are requested as [`Pages`] requests them, each
/// when the items of the one before have all been taken.
pub struct Items<R: Request, I> {
    pages: Pages<R>,
    items: fn(R::Output) -> Vec<I>,
    ready: VecDeque<I>,
}

impl<R: Request, I> fmt::Debug for Items<R, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("ready", &self.ready.len())
            .finish()
    }
}

impl<R: Request + WithBase + Clone, I> Items<R, I> {
    /// The items of `pages`, taken from each page by `items`. Called by generated code.
    #[doc(hidden)]
    pub fn new(pages: Pages<R>, items: fn(R::Output) -> Vec<I>) -> Self {
        Self {
            pages,
            items,
            ready: VecDeque::new(),
        }
    }

    /// The next item, as [`Stream::poll_next`] gives it.
    pub fn poll_item(&mut self, context: &mut Context<'_>) -> Poll<Option<Result<I, Error>>> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::task::ready!(self.pages.poll_page(context)) {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(page)) => self.ready.extend((self.items)(page.into_value())),
            }
        }
    }
}

impl<R: Request + WithBase + Clone + Unpin, I: Unpin> Stream for Items<R, I> {
    type Item = Result<I, Error>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(context)
    }
}

/// The target of the `Link` header's `rel="next"` link (RFC 8288), as GitHub and
/// others page: `<https://api.example.com/items?page=2>; rel="next"`. Called by
/// generated code.
#[doc(hidden)]
pub fn link_next(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(split_links)
        .find_map(|link| {
            let (target, params) = link.trim().strip_prefix('<')?.split_once('>')?;
            let next = params.split(';').any(|param| {
                let Some((name, value)) = param.split_once('=') else {
                    return false;
                };
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
            });
            next.then(|| target.to_owned())
        })
}

/// The links of one `Link` header value: split at the commas outside `<…>` and quotes.
fn split_links(value: &str) -> Vec<&str> {
    let (mut links, mut start, mut in_target, mut in_quotes) = (Vec::new(), 0, false, false);
    for (at, c) in value.char_indices() {
        match c {
            '<' if !in_quotes => in_target = true,
            '>' if !in_quotes => in_target = false,
            '"' if !in_target => in_quotes = !in_quotes,
            ',' if !in_target && !in_quotes => {
                links.push(&value[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    links.push(&value[start..]);
    links
}

#[cfg(test)]
mod tests {
    use super::link_next;
    use reqwest::header::{HeaderMap, HeaderValue, LINK};

    #[test]
    fn the_next_link_of_a_link_header() {
        let mut headers = HeaderMap::new();
        headers.insert(
            LINK,
            HeaderValue::from_static(
                "<https://api.github.com/r?page=1>; rel=\"prev first\", \
                 <https://api.github.com/r?page=3&a=1,2>; rel=\"next\", <x>; rel=last",
            ),
        );
        assert_eq!(
            link_next(&headers).as_deref(),
            Some("https://api.github.com/r?page=3&a=1,2")
        );
        headers.insert(LINK, HeaderValue::from_static("<x>; rel=\"last\""));
        assert_eq!(link_next(&headers), None);
        assert_eq!(link_next(&HeaderMap::new()), None);
    }
}
