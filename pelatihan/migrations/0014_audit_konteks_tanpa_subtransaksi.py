"""The audit trail's context function without a subtransaction per row.

django-pghistory's ``_pgh_attach_context()`` reads its settings inside ``BEGIN … EXCEPTION``,
and the audit triggers call it once per copied row: where no request set the settings (imports,
beat, seed_demo) every row then opens and rolls back a subtransaction, and past 64 in one
transaction PostgreSQL has to look them up on disk. ``current_setting(…, true)`` answers NULL for
a setting never set, so the same function needs no exception block.
"""

from django.db import migrations

TANPA_SUBTRANSAKSI = """
CREATE OR REPLACE FUNCTION _pgh_attach_context() RETURNS pghistory_context.id%TYPE AS $$
    DECLARE
        _pgh_context_id UUID := NULLIF(CURRENT_SETTING('pghistory.context_id', TRUE), '');
        _pgh_context_metadata JSONB :=
            NULLIF(CURRENT_SETTING('pghistory.context_metadata', TRUE), '');
    BEGIN
        IF _pgh_context_id IS NOT NULL AND _pgh_context_metadata IS NOT NULL THEN
            INSERT INTO pghistory_context (id, metadata, created_at, updated_at)
                VALUES (_pgh_context_id, _pgh_context_metadata, NOW(), NOW())
                ON CONFLICT (id) DO UPDATE
                    SET metadata = EXCLUDED.metadata,
                        updated_at = EXCLUDED.updated_at
                    WHERE pghistory_context.metadata != EXCLUDED.metadata;
            RETURN _pgh_context_id;
        END IF;
        RETURN NULL;
    END;
$$ LANGUAGE plpgsql;
"""


def pasang_asli(apps, schema_editor):
    # Back to django-pghistory's own function.
    from pghistory.models import Context

    Context.install_pgh_attach_context_func(using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("pelatihan", "0013_audit"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        migrations.RunSQL(TANPA_SUBTRANSAKSI, reverse_sql=migrations.RunSQL.noop),
        migrations.RunPython(migrations.RunPython.noop, reverse_code=pasang_asli),
    ]
