"""Factories for the site shell, for the tests."""

import factory
import wagtail_factories

from portal.models import ContentPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Have your say in justice services"
    slug = "home"
    intro = (
        "If you have been in prison or on probation, or you are family, your experience "
        "can make services better. Find a way to take part that suits you."
    )

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Information page {n}")
    summary = "A page of plain information."

    class Meta:
        model = ContentPage
