"""News pages: thin views over `NewsItem.objects.visible_to(user)`."""

from django.shortcuts import get_object_or_404, render

from accord.news.models import NewsItem


def news_detail(request, slug: str):
    """One news item; drafts and items in review are 404 for everyone but the secretariat."""
    item = get_object_or_404(NewsItem.objects.visible_to(request.user), slug=slug)
    return render(request, "news/newsitem_detail.html", {"item": item})
