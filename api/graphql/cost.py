"""What a GraphQL operation costs, worked out before it runs, and the limit on it.

Each field may carry a `Cost` in its strawberry metadata: what resolving it once costs,
and how many times its selections repeat (a page of `first` items, a list's typical
length, or an argument such as a neighbourhood's `limit`). The cost of an operation is
the sum over its fields of their cost times how often they run, so a page of 100
councils each asking for their inspections' recommendations costs what it will really
cost the database. Page sizes are checked on the way, so a `first` beyond the maximum
is refused before anything runs.

The cost depends on the variables, so it is worked out for each request (in
`on_execute`, after validation), which keeps strawberry's validation cache useful.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Undefined,
    get_named_type,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension

from api.graphql.errors import BAD_USER_INPUT, QUERY_TOO_EXPENSIVE

COST_KEY = "cost"
_BACKREF = "strawberry-definition"


@dataclass(frozen=True)
class Cost:
    """The cost of one field.

    Attributes:
        base: what resolving the field once costs (a database round trip is about 1).
        page: the field is a page of `first` items: its `items` fields repeat that often.
        items: the field lists the items of the page its parent is (a connection's
            `edges` and `nodes`), so its selections repeat once per item.
        fan_out: its selections repeat this many times (a plain list's typical length).
        per: an integer argument that multiplies both the base and the selections.
        per_default: the argument's value when the query leaves it out.
    """

    base: int = 1
    page: bool = False
    items: bool = False
    fan_out: int = 1
    per: str | None = None
    per_default: int = 1


def cost(
    base: int = 1,
    *,
    page: bool = False,
    items: bool = False,
    fan_out: int = 1,
    per: str | None = None,
    per_default: int = 1,
) -> Cost:
    """A field's cost (see `Cost`)."""
    return Cost(base, page, items, fan_out, per, per_default)


@dataclass(frozen=True)
class CostLimits:
    """The limits a cost analysis enforces."""

    max_cost: int
    max_page_size: int
    default_page_size: int


class _Walk:
    """One operation's cost, walked over its selections."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        limits: CostLimits,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.limits = limits

    def _argument(self, node: FieldNode, name: str) -> Any:
        for argument in node.arguments or ():
            if argument.name.value == name:
                value = value_from_ast_untyped(argument.value, dict(self.variables))
                # a variable the request leaves out stands for the argument's default
                return None if value is Undefined else value
        return None

    def _first(self, node: FieldNode) -> int:
        first = self._argument(node, "first")
        if first is None:
            return self.limits.default_page_size
        if not isinstance(first, int) or first < 0 or first > self.limits.max_page_size:
            raise GraphQLError(
                f"`first` on {node.name.value} must be between 0 and {self.limits.max_page_size}, not {first}",
                nodes=[node],
                extensions={"code": BAD_USER_INPUT},
            )
        return first

    def selections(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType,
        seen_fragments: frozenset[str] = frozenset(),
        page: int = 1,
    ) -> int:
        """The cost of a selection set resolved once on an object of type `parent`
        (a page of `page` items, when `parent` is a connection)."""
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, seen_fragments, page)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                if isinstance(target, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
                    total += self.selections(selection.selection_set, target, seen_fragments, page)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen_fragments:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value)
                if isinstance(target, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
                    total += self.selections(fragment.selection_set, target, seen_fragments | {name}, page)
        return total

    def field(
        self,
        node: FieldNode,
        parent: GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType,
        seen_fragments: frozenset[str],
        page: int,
    ) -> int:
        """The cost of one field resolved once, selections included."""
        name = node.name.value
        # Introspection is answered from memory.
        if name.startswith("__") or isinstance(parent, GraphQLUnionType):
            return 0
        definition = parent.fields.get(name)
        if definition is None:
            return 0
        strawberry_field = (definition.extensions or {}).get(_BACKREF)
        metadata = getattr(strawberry_field, "metadata", None) or {}
        hint = metadata.get(COST_KEY)
        if hint is None:
            # A field with a resolver of its own costs a round trip; a plain attribute nothing.
            has_resolver = getattr(strawberry_field, "base_resolver", None) is not None
            hint = Cost(base=1 if has_resolver else 0)
        repeat = hint.fan_out * (page if hint.items else 1)
        child_page = self._first(node) if hint.page else 1
        times = 1
        if hint.per is not None:
            value = self._argument(node, hint.per)
            times = value if isinstance(value, int) and value > 0 else hint.per_default
        child_type = get_named_type(definition.type)
        children = 0
        if isinstance(child_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            children = self.selections(node.selection_set, child_type, seen_fragments, child_page)
        return times * (hint.base + repeat * children)


def operation_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any] | None,
    limits: CostLimits,
) -> int:
    """The cost of one operation; a `GraphQLError` when a page size is out of bounds."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    return _Walk(schema, fragments, variables or {}, limits).selections(operation.selection_set, root)


class QueryCostLimiter(SchemaExtension):
    """Refuses an operation whose cost exceeds the limit, and reports the cost in `extensions`.

    Built per request by a factory (`lambda: QueryCostLimiter(...)`); the limits and the
    schema are shared.
    """

    def __init__(self, limits: CostLimits, graphql_schema: GraphQLSchema) -> None:
        self.limits = limits
        self.graphql_schema = graphql_schema
        self.cost: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is None:
            yield
            return
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        operation = next(
            (
                o
                for o in operations
                if context.operation_name is None or (o.name and o.name.value == context.operation_name)
            ),
            None,
        )
        error: GraphQLError | None = None
        if operation is not None:
            try:
                self.cost = operation_cost(
                    self.graphql_schema, operation, fragments, context.variables, self.limits
                )
            except GraphQLError as exc:
                error = exc
        if error is None and self.cost is not None and self.cost > self.limits.max_cost:
            error = GraphQLError(
                f"This query would cost {self.cost}, more than the {self.limits.max_cost} allowed: ask for smaller "
                "pages (`first`), fewer nested lists, or a smaller neighbourhood.",
                extensions={
                    "code": QUERY_TOO_EXPENSIVE,
                    "cost": self.cost,
                    "maximumCost": self.limits.max_cost,
                },
            )
        if error is not None:
            # A result set before execution stands in for it: nothing is resolved.
            context.result = ExecutionResult(data=None, errors=[error])
        yield

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {"cost": {"requested": self.cost, "maximum": self.limits.max_cost}}
