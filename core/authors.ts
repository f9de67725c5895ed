/**
 * The author document type's name, in one place: the schema, the post's `authors` references,
 * the queries and the WordPress import all read it from here.
 */
export const AUTHOR_TYPE = 'author'
