/**
 * `lintTemplate()`: a serverless.yml or a SAM/CloudFormation template in,
 * CORS traps out. Reads the text with the `yaml` package; only the command
 * line imports this module.
 */
import { type LintFinding } from './findings.js'
import { lintModel } from './rules.js'
import { isCloudFormationFile, readSamOrCloudFormation } from './sam.js'
import { isServerlessFile, readServerless } from './serverless.js'
import { readTemplate, TemplateReadError } from './yaml-tree.js'

export { LINT_CODES, type LintCode, type LintFinding } from './findings.js'
export { TemplateReadError } from './yaml-tree.js'

/** The lint's answer for one file. */
export interface LintReport {
  /** Which tool's file it read. */
  readonly tool: 'serverless' | 'sam' | 'cloudformation'
  /** In file order; empty when clean. */
  readonly findings: readonly LintFinding[]
}

/**
 * Lints a template's text.
 *
 * @throws {@link TemplateReadError} when the text is not YAML, or neither a
 *   serverless.yml nor a CloudFormation template.
 */
export function lintTemplate(text: string): LintReport {
  const root = readTemplate(text)
  const model = isServerlessFile(root) ? readServerless(root) : isCloudFormationFile(root) ? readSamOrCloudFormation(root) : undefined
  if (model === undefined) {
    throw new TemplateReadError('neither a serverless.yml (no functions) nor a CloudFormation or SAM template (no Resources)', root.at)
  }
  return { tool: model.tool, findings: lintModel(model) }
}
