"""The public register as an RSS feed: newest entries first, public fields only."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import selectors


class RegisterFeed(Feed):
    title = _("Nafida — public register of requests for information")
    link = reverse_lazy("register:list")
    description = _("Requests decided or left unanswered, under Law 31.13.")

    def items(self):
        return selectors.entries(selectors.RegisterFilters(), with_decision=True)[:50]

    def item_title(self, item):
        return f"{item.reference} — {item.public_subject}"

    def item_description(self, item):
        decision = getattr(item, "decision", None)
        outcome = decision.get_outcome_display() if decision else item.get_state_display()
        return f"{item.body.name} — {outcome}"

    def item_link(self, item):
        return reverse("register:entry", args=[item.reference])

    def item_pubdate(self, item):
        return item.updated_at
