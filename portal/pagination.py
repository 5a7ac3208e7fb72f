"""One page of a listing, the same way on every listing of the site."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.http import Http404


def paginate(request, items, per_page):
    """Return ``(page_obj, elided_page_range)`` for the page named by ``?page=``.

    A page number that is out of range or not a number is a 404. For a queryset, the
    database first sorts just the primary keys and picks one page of them, then loads
    the full rows for that page only: sorting thousands of narrow rows is much cheaper
    than sorting thousands of wide ones (every column of a page and its related cards)
    to keep twelve.
    """
    is_queryset = isinstance(items, QuerySet)
    paginator = Paginator(items.values_list("pk", flat=True) if is_queryset else items, per_page)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("There is no page of results with that number.") from error
    if is_queryset:
        page_obj.object_list = _rows_in_order(items, list(page_obj.object_list))
    elided = paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    return page_obj, elided


def first(queryset, count):
    """The first ``count`` rows of ``queryset`` in its order, loaded the same cheap way."""
    return _rows_in_order(queryset, list(queryset.values_list("pk", flat=True)[:count]))


def _rows_in_order(queryset, keys):
    """The full rows of ``queryset`` with these primary keys, in the keys' order."""
    rows = queryset.order_by().in_bulk(keys)
    return [rows[key] for key in keys if key in rows]
