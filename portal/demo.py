"""Demo content for the site shell: the home page, information pages and settings.

Every function here is idempotent: it looks for what it would create first, so
running ``load_demo_content`` twice changes nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from .bulk_pages import index_at_the_end
from .environment import is_local
from .models import ContentPage, HomePage, SiteSettings

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "change-me-now"  # noqa: S105 - local demo only, printed on screen


HOME_PAGE = {
    "title": "Have your say in justice services",
    "slug": "home",
    "intro": (
        "If you have been in prison or on probation, or you are family, your experience "
        "can make services better. Find a way to take part that suits you."
    ),
}


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def _heading(text):
    return {"type": "heading", "value": {"text": text, "size": "h2"}}


INFORMATION_PAGES = [
    {
        "slug": "how-involvement-works",
        "title": "How involvement works",
        "show_in_menus": True,
        "summary": "What you get from taking part, how much you do, and what happens to your ideas.",
        "body": [
            _heading("What you get"),
            *_paragraphs(
                "People tell us they take part to belong, to have a reason to get up, to "
                "learn new skills and to give something back. Many make friends.",
                "You might also get a certificate, a reference for a job, a meal or a "
                "voucher. Some things are paid. Each page says what you get.",
            ),
            _heading("You choose how much you do"),
            *_paragraphs(
                "Some people fill in one short survey. Some people join a group. Some people "
                "end up helping to run a service. All of these count, and you can stop at any time.",
                "There are three ways to take part. <b>Just you</b> means you tell us how "
                "things went for you. <b>With others</b> means you and others help each "
                "other. <b>Changing things for everyone</b> means you work with others to "
                "make services better for all.",
            ),
            _heading("What we offer"),
            *_paragraphs(
                "We pay your bus fare. There is often food. We explain everything before you "
                "start, and you can bring someone with you. You will never be asked about "
                "your offence.",
                'If you get benefits, read <a href="/money-and-benefits/">Money, benefits '
                "and your record</a> before you start something paid.",
            ),
            _heading("What happens to what you say"),
            *_paragraphs(
                "We write down what people tell us and what we changed because of it. When we "
                'cannot make a change, we say why. You can read this on the <a href="/you-said-we-did/">'
                "You said, we did</a> page.",
            ),
        ],
    },
    {
        "slug": "money-and-benefits",
        "title": "Money, benefits and your record",
        "show_in_menus": False,
        "summary": "What each kind of payment means, what to tell your work coach, and who can help.",
        "body": [
            *_paragraphs(
                "This page is for everyone. It is not advice about you. If you are not sure, "
                "ask someone before you start. It is fine to ask.",
            ),
            _heading("Four kinds of money"),
            *_paragraphs(
                "<b>No pay.</b> You give your time for free. This is volunteering.",
                "<b>Costs paid back.</b> We pay back what it costs you to come, like a bus "
                "fare or lunch. You do not get more than you spent.",
                "<b>A voucher.</b> You get a shop voucher to say thank you.",
                "<b>Paid.</b> You get money for your time, like £15 an hour.",
            ),
            _heading("If you get Universal Credit or other benefits"),
            *_paragraphs(
                "Money paid back for costs does not count as pay. You do not normally need to "
                "tell anyone about it.",
                "Paid work counts as pay. Tell your work coach before you start. Vouchers may "
                "count too, so tell your work coach about them as well.",
                "Keep a note of what you get and when. It makes things easier if you are asked.",
            ),
            _heading("Record checks"),
            *_paragraphs(
                "A few things need a record check first. This means we ask Disclosure "
                "Scotland what is on your record. Each page says if it needs one.",
                "Having a record does not stop you taking part. We talk it through with you "
                "first, and only the people who need to know will see it.",
            ),
            _heading("Who can help"),
            *_paragraphs(
                "Your work coach at the Jobcentre can tell you what you need to report.",
                "Your support worker or probation worker can help you work things out.",
                "Citizens Advice gives free help about money and benefits. Ask us and we will "
                "help you get in touch.",
            ),
            *_paragraphs(
                'See <a href="/opportunities/">everything you can take part in</a>.',
            ),
        ],
    },
    {
        "slug": "privacy-notice",
        "title": "Privacy notice",
        "show_in_menus": False,
        "summary": "What we keep about you when you sign up, why, and for how long.",
        "body": [
            _heading("What we keep"),
            *_paragraphs(
                "When you sign up we keep the name you want us to use, how to contact you, and "
                "anything you tell us that would help you take part. We never ask about offences.",
            ),
            _heading("Who can see it"),
            *_paragraphs(
                "Only the small team who arrange sign-ups can see your details. They use them to "
                "contact you about what you signed up for, and for nothing else.",
            ),
            _heading("How long we keep it"),
            *_paragraphs(
                "We delete your details automatically after the time shown on the sign-up form. "
                "You can ask to see everything we hold about you, or ask us to delete it sooner, "
                "by quoting your reference.",
            ),
        ],
    },
    {
        "slug": "accessibility-statement",
        "title": "Accessibility statement",
        "show_in_menus": False,
        "summary": "How accessible this site is and how to tell us about a problem.",
        "body": [
            *_paragraphs(
                "We want everyone to be able to use this site. It works on a phone, with a "
                "keyboard, with screen readers and without JavaScript. Text can be made larger "
                "and the pages still fit the screen.",
                "If something does not work for you, call or e-mail us and we will help you "
                "another way, and fix the problem.",
            ),
        ],
    },
]


def create_home_page():
    """Make the portal's HomePage the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:
            # Only after a test run has flushed the tables Wagtail's migration filled.
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        welcome = (
            root.get_children()
            .filter(slug="home")
            .exclude(content_type__model="homepage", content_type__app_label="portal")
        )
        for page in welcome:
            # Wagtail's initial "Welcome to your new Wagtail site!" page takes the slug.
            page.slug = f"wagtail-welcome-{page.pk}"
            page.save(update_fields=["slug"])
        home = root.add_child(instance=HomePage(**HOME_PAGE))
        for page in welcome:
            Site.objects.filter(root_page=page).update(root_page=home)
            page.delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
    return home


def create_information_pages(home):
    pages = {}
    for spec in INFORMATION_PAGES:
        page = ContentPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = home.add_child(instance=ContentPage(**spec))
        pages[spec["slug"]] = page
    return pages


def create_site_settings(home, pages):
    site = Site.objects.get(root_page=home, is_default_site=True)
    settings = SiteSettings.for_site(site)
    if settings.privacy_page_id is None and not settings.phone:
        settings.phone = "0300 123 4567"
        settings.email = "involvement@example.org"
        settings.privacy_page = pages["privacy-notice"]
        settings.accessibility_page = pages["accessibility-statement"]
        settings.save()
    return settings


def create_admin_user():
    """A superuser for local use. Returns True when it was created just now."""
    User = get_user_model()
    if User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return False
    User.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@example.org", DEMO_ADMIN_PASSWORD)
    return True


def create_demo_content(stdout, options):
    home = create_home_page()
    pages = create_information_pages(home)
    create_site_settings(home, pages)
    stdout.write(f"Site: home page and {len(pages)} information pages are in place.")
    if not is_local():
        # The demo password is published in the README, so off a laptop no user gets it.
        stdout.write(
            "No demo users were created on a server: make staff accounts with "
            "'manage.py createsuperuser' and give them their groups in the admin."
        )
        return home
    created = create_admin_user()
    if created:
        stdout.write(
            f"Created an admin user for local use: log in at /admin/ as "
            f"'{DEMO_ADMIN_USERNAME}' with password '{DEMO_ADMIN_PASSWORD}', then change it."
        )
    else:
        stdout.write(
            f"Admin user '{DEMO_ADMIN_USERNAME}' already exists; its password is unchanged."
        )
    return home


def give_live_pages_a_revision(stdout, options):
    """Give each live page that has no revision its first one, as the live revision.

    Demo pages are built directly (one by one, and in bulk for generated ones), not
    through the editor, so they start with no revision. Wagtail needs one for a page's
    history, for comparing changes and for scheduling: a change scheduled on a live page
    with no live revision would take the page offline until the change went live.
    """
    pages = Page.objects.live().filter(live_revision__isnull=True).specific()
    count = 0
    # Inside ``load_demo_content`` the indexes are brought up to date once, at the end.
    with index_at_the_end():
        for page in pages.iterator():
            revision = page.save_revision(clean=False, log_action=False)
            Page.objects.filter(pk=page.pk).update(
                live_revision=revision, has_unpublished_changes=False
            )
            count += 1
    if count:
        stdout.write(f"Pages: {count} live pages given their first revision.")
