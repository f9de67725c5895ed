/**
 * Fail-fast checks of the plugin's options against the Studio's schema: every document type and
 * field an option names must exist (and be of the kind the feature reads), and Newsroom's content
 * model must not collide with a type the Studio already has. Errors start with `[newsroom]` and
 * name the option, so a typo in `sanity.config.ts` says where it is.
 */
import type {Schema, SchemaType, SchemaTypeDefinition} from 'sanity'

import {AUTHOR_TYPE} from '../../../core/authors.ts'
import type {ResolvedNewsroomOptions} from '../options.ts'
import {PLUGIN_NAME} from './constants.ts'

/** Where the à-la-carte way is explained. */
const GUIDE = 'docs/existing-studio.md'

/**
 * Types of the content model that the schema already defines (from a plugin listed before
 * `newsroom()`): each becomes one error that names the type and the way to keep yours.
 */
export function contentModelCollisions(
  existing: readonly Pick<SchemaTypeDefinition, 'name'>[],
  ours: readonly Pick<SchemaTypeDefinition, 'name'>[],
): string | undefined {
  const names = new Set(existing.map((type) => type.name))
  const taken = ours.map((type) => type.name).filter((name) => names.has(name))
  if (taken.length === 0) return undefined
  if (taken.length === 1 && taken[0] === AUTHOR_TYPE) {
    return (
      `[${PLUGIN_NAME}] The schema already defines "${AUTHOR_TYPE}", which Newsroom's content model ` +
      `adds too. Keep yours for the posts' bylines (it needs a name field): newsroom({authors: ` +
      `{documentType: '${AUTHOR_TYPE}'}}) (see ${GUIDE}).`
    )
  }
  const list = taken.map((name) => `"${name}"`).join(', ')
  return (
    `[${PLUGIN_NAME}] The schema already defines ${list}, which Newsroom's content model adds too. ` +
    `Keep your own types and add Newsroom's features to them: newsroom({contentModel: false, ` +
    `readTime: {documentTypes: [...], bodyField: ...}, relatedPosts: {documentType: ..., ` +
    `taxonomyField: ..., dateField: ...}, reactions: {documentType: ...}}) (see ${GUIDE}).`
  )
}

/** The names of a type's own fields ([] for a type without fields). */
function fieldsOf(type: SchemaType): Map<string, SchemaType> {
  const fields = 'fields' in type && Array.isArray(type.fields) ? type.fields : []
  return new Map(fields.map((field: {name: string; type: SchemaType}) => [field.name, field.type]))
}

/** True when `type` is, or extends, the type named `name`. */
function isOfType(type: SchemaType | undefined, name: string): boolean {
  for (let current = type; current; current = current.type) {
    if (current.name === name) return true
  }
  return false
}

type Check = (problems: string[]) => void

/** Every problem of the options against `schema`, in option order. */
export function schemaProblems(schema: Schema, options: ResolvedNewsroomOptions): string[] {
  const problems: string[] = []
  const documentType = (option: string, name: string): SchemaType | undefined => {
    const type = schema.get(name)
    if (type && isOfType(type, 'document')) return type
    const documents = (schema.getTypeNames?.() ?? [])
      .filter(
        (typeName) =>
          typeName !== 'document' &&
          !typeName.startsWith('sanity.') &&
          isOfType(schema.get(typeName), 'document'),
      )
      .sort()
    problems.push(
      `${option}: there is no document type "${name}" in the schema (document types: ${documents.join(', ')})`,
    )
    return undefined
  }
  const field = (
    option: string,
    type: SchemaType,
    name: string,
    kind?: {is: (field: SchemaType) => boolean; expected: string},
  ) => {
    const fields = fieldsOf(type)
    const found = fields.get(name)
    if (!found) {
      problems.push(
        `${option}: "${name}" is not a field of "${type.name}" (its fields: ${[...fields.keys()].join(', ')})`,
      )
    } else if (kind && !kind.is(found)) {
      problems.push(`${option}: "${type.name}.${name}" must be ${kind.expected}`)
    }
  }
  const array = {is: (type: SchemaType) => isOfType(type, 'array'), expected: 'an array'}
  const string = {is: (type: SchemaType) => isOfType(type, 'string'), expected: 'a string'}
  const reference = {
    is: (type: SchemaType) => isOfType(type, 'reference'),
    expected: 'a reference',
  }

  const checks: Check[] = []
  const {readTime, relatedPosts, reactions} = options
  if (readTime) {
    checks.push(() =>
      readTime.documentTypes.forEach((name, index) => {
        const type = documentType(`readTime.documentTypes[${index}]`, name)
        if (!type) return
        field('readTime.bodyField', type, readTime.bodyField, array)
        field('readTime.field', type, readTime.field, {
          is: (found) => isOfType(found, 'readTime'),
          expected: 'of type "readTime"',
        })
        if (readTime.heroImageField) field('readTime.heroImageField', type, readTime.heroImageField)
      }),
    )
  }
  if (relatedPosts) {
    checks.push(() => {
      const type = documentType('relatedPosts.documentType', relatedPosts.documentType)
      if (!type) return
      field('relatedPosts', type, 'previous', reference)
      field('relatedPosts', type, 'next', reference)
      field('relatedPosts.dateField', type, relatedPosts.dateField)
      field('relatedPosts.taxonomyField', type, relatedPosts.taxonomyField, array)
      field('relatedPosts.titleField', type, relatedPosts.titleField)
      if (relatedPosts.imageField) field('relatedPosts.imageField', type, relatedPosts.imageField)
    })
  }
  if (reactions) {
    checks.push(() => void documentType('reactions.documentType', reactions.documentType))
  }
  const {authors} = options
  if (authors) {
    checks.push(() => {
      const type = documentType('authors.documentType', authors.documentType)
      if (type) field('authors.documentType', type, 'name', string)
    })
  }
  for (const check of checks) check(problems)
  return problems
}

/** Throws one `[newsroom]` error listing every problem of the options against `schema`. */
export function assertSchemaFits(schema: Schema, options: ResolvedNewsroomOptions): void {
  const problems = schemaProblems(schema, options)
  if (problems.length === 0) return
  throw new Error(
    `[${PLUGIN_NAME}] The options do not fit the schema:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n(see ${GUIDE})`,
  )
}
