from rest_framework import serializers


def money() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2)


class PartnerFiguresSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation_id")
    name = serializers.CharField()
    planned = money()
    earned = money()
    at_risk = money()


class LineFiguresSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The work package's code, or the budget heading.")
    label = serializers.CharField()
    work_package = serializers.IntegerField(source="work_package_id", allow_null=True)
    is_management = serializers.BooleanField()
    planned = money()
    earned = money()
    at_risk = money()
    basis = serializers.CharField(help_text="What the line is paid for and how much is done.")
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="Why each amount at risk is at risk."
    )
    partners = PartnerFiguresSerializer(many=True)


class BudgetFiguresSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project_id")
    funding_model = serializers.ChoiceField(
        choices=["lump_sum", "headings"], allow_null=True, help_text="Null: no budget yet."
    )
    illustrative = serializers.BooleanField()
    adds_up = serializers.BooleanField(
        help_text="False when the amounts no longer add up to the project's EU grant "
        "(changed since the budget was set): the budget is to be split again."
    )
    mismatch = serializers.CharField(help_text="Why it does not add up; empty when it does.")
    planned = money()
    earned = money()
    at_risk = money()
    lines = LineFiguresSerializer(many=True)
    partners = PartnerFiguresSerializer(many=True)
