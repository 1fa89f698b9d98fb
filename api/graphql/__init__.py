"""The GraphQL API: types, DataLoaders, resolvers and the schema with its limits."""
