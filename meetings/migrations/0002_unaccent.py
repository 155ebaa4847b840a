from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Diacritic-insensitive search on PostgreSQL (on SQLite the function is registered per connection)."""

    dependencies = [("meetings", "0001_initial")]
    operations = [UnaccentExtension()]
