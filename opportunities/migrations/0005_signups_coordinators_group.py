"""Create the Sign-up coordinators group: the only people who can see sign-ups."""

from django.db import migrations

GROUP_NAME = "Sign-up coordinators"
SIGN_UP_PERMISSIONS = {
    "view_signup": "Can view sign-up",
    "add_signup": "Can add sign-up",
    "change_signup": "Can change sign-up",
    "delete_signup": "Can delete sign-up",
}


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    # Permissions are normally made after migrations; make the ones we need now.
    sign_up_type, _ = ContentType.objects.get_or_create(app_label="opportunities", model="signup")
    permissions = [
        Permission.objects.get_or_create(
            content_type=sign_up_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in SIGN_UP_PERMISSIONS.items()
    ]
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(access_admin, *permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0004_signups_and_status_history"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
