import {definePlugin, type InputProps, type ObjectInputProps} from 'sanity'

import {createSchemaTypes} from '../../schemas/index.ts'
import {withReadTimeOnPublish} from './actions/readTimePublishAction.ts'
import {ReadTimeBodyInput, ReadTimeDocumentInput} from './components/ReadTimeDocumentInput.tsx'
import {PLUGIN_NAME} from './constants.ts'
import {resolveOptions, type NewsroomOptions, type ResolvedReadTimeOptions} from './options.ts'

/** Types editors may never create or act on in the Studio: tallies change only via the API. */
const API_ONLY_TYPES = new Set(['reaction'])

/** The document type whose read time the plugin keeps live. */
const POST_TYPE = 'post'

/** The form input: the read-time wrappers on a post and its body, the default everywhere else. */
function createNewsroomInput(readTime: ResolvedReadTimeOptions) {
  return function NewsroomInput(props: InputProps) {
    if (props.id === 'root' && props.path.length === 0 && props.schemaType.name === POST_TYPE) {
      return <ReadTimeDocumentInput {...(props as ObjectInputProps)} readTimeOptions={readTime} />
    }
    if (props.path.length === 1 && props.path[0] === readTime.bodyField) {
      return <ReadTimeBodyInput {...props} />
    }
    return props.renderDefault(props)
  }
}

/**
 * The Newsroom plugin: the post, tag and reaction types, and the editor tools around them.
 *
 * ```ts
 * defineConfig({plugins: [structureTool(), newsroom()]})
 * ```
 */
export const newsroom = definePlugin<NewsroomOptions | void>((options) => {
  const {reactionKinds, readTime} = resolveOptions(options)
  return {
    name: PLUGIN_NAME,
    schema: {
      types: createSchemaTypes(reactionKinds),
      templates: (prev) => prev.filter((template) => !API_ONLY_TYPES.has(template.schemaType)),
    },
    form: {
      components: {input: createNewsroomInput(readTime)},
    },
    document: {
      actions: (prev, context) => {
        if (API_ONLY_TYPES.has(context.schemaType)) return []
        if (context.schemaType !== POST_TYPE) return prev
        return prev.map((action) =>
          action.action === 'publish' ? withReadTimeOnPublish(action, readTime) : action,
        )
      },
      newDocumentOptions: (prev) => prev.filter((item) => !API_ONLY_TYPES.has(item.templateId)),
    },
  }
})
