"""A static cost for GraphQL queries: an upper bound on how many objects the answer can hold, computed
from the query text while it is validated, so an over-budget query is refused before anything runs.

Each object field counts 1 plus what it selects; a list counts its size times (1 + what each item
selects). A list's size is its `first` (or `k`, `top`, `limit`) argument: the literal value, else the
argument's default, and for a variable the largest value the argument accepts (variables are not known
while validating). A field that takes a size and returns an object (a connection, trends, a leaderboard)
passes that size on to the lists inside it. A list with a known cap counts as its cap; any other list
(none of them grows with the data) as `unsized_list` items.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
)

from api.errors import COST_LIMIT

SIZE_ARGUMENTS = ("first", "k", "top", "limit")


class CostModel:
    def __init__(self, ranges: dict[str, tuple[int, int]], caps: dict[str, int] | None = None,
                 unsized_list: int = 10) -> None:
        self.ranges = ranges  # argument bounds, as api/schema.py argument_ranges
        self.caps = caps or {}  # "Type.field" -> the most items that list can hold
        # Lists without a size argument do not grow with the data (a paper's institutions, a claim's
        # groups...); every list that does takes `first`.
        self.unsized_list = unsized_list

    def size(self, field: GraphQLField, node: FieldNode) -> int | None:
        """The size a field's size argument asks for, or None when it takes none."""
        given = {arg.name.value: arg.value for arg in node.arguments or ()}
        for name in SIZE_ARGUMENTS:
            if name not in field.args:
                continue
            value = given.get(name)
            if isinstance(value, IntValueNode):
                return max(int(value.value), 0)
            if isinstance(value, VariableNode):
                key = f"{node.name.value}.{name}"
                return (self.ranges.get(key) or self.ranges.get(name) or (0, self.unsized_list))[1]
            default = field.args[name].default_value
            return default if isinstance(default, int) else self.unsized_list
        return None

    def selection_cost(self, context: ValidationContext, selection_set: SelectionSetNode | None,
                       parent: Any, inherited: int | None = None, seen: frozenset[str] = frozenset()) -> int:
        if selection_set is None or not isinstance(parent, GraphQLObjectType):
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(context, selection, parent, inherited, seen)
            elif isinstance(selection, InlineFragmentNode):
                target = (context.schema.get_type(selection.type_condition.name.value)
                          if selection.type_condition else parent)
                total += self.selection_cost(context, selection.selection_set, target, inherited, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = context.get_fragment(name)
                if fragment is not None and name not in seen:
                    target = context.schema.get_type(fragment.type_condition.name.value)
                    total += self.selection_cost(context, fragment.selection_set, target, inherited, seen | {name})
        return total

    def field_cost(self, context: ValidationContext, node: FieldNode, parent: GraphQLObjectType,
                   inherited: int | None, seen: frozenset[str]) -> int:
        field = parent.fields.get(node.name.value)
        if field is None:
            return 0
        named = get_named_type(field.type)
        if is_leaf_type(named):
            return 0
        size = self.size(field, node)
        if is_list_type(get_nullable_type(field.type)):
            cap = self.caps.get(f"{parent.name}.{node.name.value}")
            count = (size if size is not None else cap if cap is not None
                     else inherited if inherited is not None else self.unsized_list)
            return count * (1 + self.selection_cost(context, node.selection_set, named, None, seen))
        # An object: a size argument on it sizes the lists it holds (connection edges, trend series...).
        return 1 + self.selection_cost(context, node.selection_set, named, size, seen)


def cost_rule(model: CostModel, budget: int) -> type[ValidationRule]:
    """A validation rule refusing operations whose cost is over `budget` with a COST_LIMIT error that
    gives both figures."""

    class QueryCost(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            root = self.context.schema.get_root_type(node.operation)
            cost = model.selection_cost(self.context, node.selection_set, root)
            if cost > budget:
                self.report_error(GraphQLError(
                    f"query cost {cost:,} is over the budget of {budget:,}: every list counts as its `first` "
                    "(or k, top, limit) times what each item selects; ask for fewer items or less nesting",
                    node, extensions={"code": COST_LIMIT, "cost": cost, "budget": budget}))

    return QueryCost
