import pluralize from "pluralize";

export const snakeCase = (name: string): string =>
  name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2").toLowerCase();

export const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

export const pluralOf = (typeName: string): string => pluralize.plural(lowerFirst(typeName));
