"""Demo content for the catalogue: the listing page, areas, groups and opportunities.

Idempotent: everything is looked up by slug first, so running ``load_demo_content``
again adds only what is missing. ``--opportunities N`` adds generated opportunities
with the slugs generated-1 … generated-N, for trying the site at scale.
"""

from django.utils.text import slugify

from portal.bulk_pages import add_live_children_in_batches
from portal.models import HomePage

from .choices import FORMATS, MOTIVATIONS, SUPPORT, WHEN, WHO, Commitment, Level, Status
from .demo_data import (
    AREAS,
    GROUP_FOR_AREA,
    GROUP_INDEX,
    GROUP_PAGES,
    GROUPS,
    OPPORTUNITIES,
    TOWN_FOR_AREA,
)
from .models import (
    Area,
    EngagementType,
    GroupIndexPage,
    GroupPage,
    OpportunityIndexPage,
    OpportunityPage,
    OrganisingGroup,
)

GENERATED_PREFIX = "generated-"

OPPORTUNITY_INDEX = {
    "title": "Opportunities",
    "slug": "opportunities",
    "summary": "Every way to get involved, from a short survey to helping run a service.",
    "intro": "Find something that suits you. Start small if you like: you can always do more later.",
    "show_in_menus": True,
}


def _paragraphs(texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def _ticks(spec, values):
    return {field: value in values for value, (field, _label) in spec.items()}


def get_or_create_by_slug(model, spec):
    """The row with ``spec``'s slug, made from ``spec`` if there is none yet."""
    return model.objects.get_or_create(slug=spec["slug"], defaults=spec)[0]


def create_taxonomies():
    areas = {spec["slug"]: get_or_create_by_slug(Area, spec) for spec in AREAS}
    groups = {spec["slug"]: get_or_create_by_slug(OrganisingGroup, spec) for spec in GROUPS}
    types = {
        engagement_type.slug: engagement_type for engagement_type in EngagementType.objects.all()
    }
    return areas, groups, types


def create_index_page(home):
    index = OpportunityIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=OpportunityIndexPage(**OPPORTUNITY_INDEX))
    return index


def create_opportunities(index, areas, groups, types):
    existing = set(OpportunityPage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for spec in OPPORTUNITIES:
        slug = slugify(spec["title"])
        if slug in existing:
            continue
        page = OpportunityPage(
            title=spec["title"],
            slug=slug,
            summary=spec["summary"],
            body=_paragraphs(spec["body"]),
            level=spec["level"],
            engagement_type=types[spec["engagement_type"]],
            area=areas[spec["area"]],
            organising_group=groups[GROUP_FOR_AREA[spec["area"]]],
            commitment=spec["commitment"],
            time_estimate=spec["time_estimate"],
            first_step=spec["first_step"],
            status=spec["status"],
            location=spec["location"] or TOWN_FOR_AREA[spec["area"]],
            who_can_take_part=spec["who"],
            **_ticks(FORMATS, spec["formats"]),
            **_ticks(SUPPORT, spec["support"]),
            **_ticks(MOTIVATIONS, spec["motivations"]),
            **_ticks(WHEN, spec["when"]),
            **_ticks(WHO, spec["audience"]),
            payment=spec["payment"],
            payment_amount=spec["payment_amount"],
            disclosure_check=spec["disclosure_check"],
            what_you_get=spec["what_you_get"],
        )
        index.add_child(instance=page)
        created += 1
    return created


def create_generated_opportunities(index, count, areas, groups, types):
    """Plain, varied opportunities in bulk: enough to see how the site copes at scale.

    Written in batches with ``portal.bulk_pages``: each page goes through the page
    tree, and the search and reference indexes are filled once per batch.
    """
    if count <= 0:
        return 0
    existing = set(
        OpportunityPage.objects.child_of(index)
        .filter(slug__startswith=GENERATED_PREFIX)
        .values_list("slug", flat=True)
    )
    levels, commitments = Level.values, Commitment.values
    statuses = [Status.OPEN, Status.OPEN, Status.OPEN, Status.FULL, Status.CLOSED]
    type_list, area_list = list(types.values()), list(areas.values())
    formats, supports, motivations = list(FORMATS), list(SUPPORT), list(MOTIVATIONS)
    whens = list(WHEN)
    pages = []
    for number in range(1, count + 1):
        slug = f"{GENERATED_PREFIX}{number}"
        if slug in existing:
            continue
        level = levels[number % 3]
        engagement_type = type_list[number % len(type_list)]
        area = area_list[(number // 3) % len(area_list)]
        ticks = {
            WHEN[whens[number % len(whens)]][0]: True,
            FORMATS[formats[number % len(formats)]][0]: True,
            SUPPORT[supports[(number // 2) % len(supports)]][0]: True,
            MOTIVATIONS[motivations[(number // 5) % len(motivations)]][0]: True,
        }
        pages.append(
            OpportunityPage(
                title=f"{engagement_type.name} in {area.name} ({number})",
                slug=slug,
                summary=f"A generated example of {Level(level).label.lower()} involvement.",
                body=_paragraphs(
                    [f"Example opportunity number {number}, made for trying the site at scale."]
                ),
                level=level,
                engagement_type=engagement_type,
                area=area,
                organising_group=groups[GROUP_FOR_AREA[area.slug]],
                commitment=commitments[(number // 7) % len(commitments)],
                time_estimate="About 2 hours",
                first_step=number % 7 == 0,
                status=statuses[number % len(statuses)],
                location=TOWN_FOR_AREA[area.slug],
                **ticks,
            )
        )
    add_live_children_in_batches(index, pages)
    return len(pages)


def create_group_pages(home, areas, groups):
    """/groups/ and one page per organising group, each in the group's own area."""
    index = GroupIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=GroupIndexPage(**GROUP_INDEX, show_in_menus=True))
    for spec in GROUP_PAGES:
        group = groups[spec["group"]]
        if GroupPage.objects.filter(group=group).exists():
            continue
        index.add_child(instance=GroupPage(**{**spec, "group": group, "area": areas[spec["area"]]}))
    return index


def create_demo_content(stdout, options):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("Catalogue: no home page yet, so no opportunities were added.")
        return None
    areas, groups, types = create_taxonomies()
    index = create_index_page(home)
    created = create_opportunities(index, areas, groups, types)
    create_group_pages(home, areas, groups)
    stdout.write(
        f"Catalogue: {created} example opportunities added; "
        f"{OpportunityPage.objects.child_of(index).count()} in all."
    )
    return index


def create_generated_content(stdout, options):
    """``--opportunities N``: the generated opportunities, once the catalogue is there.

    Run outside the demo content's transaction, so that each batch is a transaction of
    its own (see ``portal.bulk_pages``).
    """
    count = options.get("opportunities") or 0
    index = OpportunityIndexPage.objects.first()
    if count <= 0 or index is None:
        return 0
    areas, groups, types = create_taxonomies()
    generated = create_generated_opportunities(index, count, areas, groups, types)
    stdout.write(
        f"Catalogue: {generated} generated opportunities added; "
        f"{OpportunityPage.objects.child_of(index).count()} in all."
    )
    return generated
