import type {ComponentType, JSX} from 'react'
import type {InputProps} from 'sanity'

/**
 * One `form.components.input` out of several feature inputs (read time, related posts,
 * reactions). Each input decides whether it applies and otherwise calls `props.renderDefault`;
 * here `renderDefault` renders the next input in the chain, and after the last, Sanity's own.
 */
export function chainInputs(
  inputs: readonly ComponentType<InputProps>[],
): ComponentType<InputProps> {
  return function NewsroomInput(props: InputProps) {
    const renderFrom =
      (index: number) =>
      (next: InputProps): JSX.Element => {
        const Input = inputs[index]
        return Input ? (
          <Input {...next} renderDefault={renderFrom(index + 1)} />
        ) : (
          props.renderDefault(next)
        )
      }
    return renderFrom(0)(props)
  }
}
