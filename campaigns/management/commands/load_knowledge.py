"""`manage.py load_knowledge [--check] [--stale] [--allow-pending]`: the knowledge base of content/knowledge/ into the
site. `--stale` lists the files whose health review is more than a year old (for a scheduled reminder).

Idempotent (a second run changes nothing). Without --allow-pending only files whose health review is
"approved" are published; load_demo passes it. --check validates the files and writes nothing."""

from django.core.management.base import BaseCommand, CommandError

from campaigns import knowledge


class Command(BaseCommand):
    help = "Check and load the harm-reduction knowledge base (content/knowledge/) in FR and NL."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only run the schema check; write nothing.")
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Only list the files whose last health review is more than a year old; write nothing.",
        )
        parser.add_argument(
            "--allow-pending",
            action="store_true",
            help="Also publish files whose health review is still pending (demo and test sites only).",
        )

    def handle(self, *args, check=False, stale=False, allow_pending=False, **options):
        try:
            data = knowledge.validate_all()
        except knowledge.KnowledgeError as exc:
            raise CommandError("The knowledge base has errors:\n" + "\n".join(exc.errors)) from exc
        if stale:
            from django.utils import timezone

            old = knowledge.stale(data, timezone.localdate())
            for name, reviewed in old:
                self.stdout.write(f"{name}: last reviewed {reviewed.isoformat()}")
            self.stdout.write(f"knowledge: {len(old)} files need a new health review")
            return
        if check:
            self.stdout.write(
                self.style.SUCCESS(
                    f"knowledge: {len(data['substances'])} substances, {len(data['mixes'].get('mix', []))} mixes, "
                    f"{len(data['self_checks'])} self-checks, {len(data['quizzes'])} quizzes: valid"
                )
            )
            return
        try:
            knowledge.load(allow_pending=allow_pending, stdout=self.stdout, data=data)
        except knowledge.KnowledgeError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
