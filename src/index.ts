/** The engine's public surface: adapters import from here and nowhere else in src/. */
export { createReasoningModel, createReplyModel, openStepwise, type Stepwise, type StepwiseOverrides } from './app.ts';
export type { AnswerChecker, AnswerJudgement, AnswerOptions } from './answer-checker.ts';
export { loadConfig, type Config } from './config.ts';
export { ModelError, StepwiseError, UserFacingError, userMessageOf } from './errors.ts';
export { buildHintLadder, createHintLadder, explainHintLadder, type HintLadder, type LadderDecision, type LadderSource, type ModelTrace, type Rung, type RungKind } from './hints/hint-ladder.ts';
export { loadLeakGuard } from './hints/leak-guard.ts';
export type { StepDecision } from './hints/step-decisions.ts';
export { Inspector, type InspectorDependencies } from './inspect/inspector.ts';
export type { InspectedBuild, InspectedOutput, InspectedReference, InspectedSession, InspectionSubject, LadderInspection } from './inspect/inspection.ts';
export { inspectionMarkdown } from './inspect/inspection-markdown.ts';
export { overlayStore } from './inspect/overlay-store.ts';
export { promptTrialTable, tryPrompt, type PromptTrial, type PromptTrialDependencies, type TrialCell, type TrialProblem, type TrialTotals } from './inspect/prompt-trial.ts';
export { createPromptTemplate, loadSolvePrompt, type PromptTemplate } from './hints/prompt.ts';
export type { SolveHooks, SolveProgress, SolvedLadder } from './ladder-provider.ts';
export { createLogger, silentLogger, type Logger, type LogLevel } from './logger.ts';
export { hashEndUser, OpenAiReasoningModel, type OpenAiModelOptions } from './model/openai-reasoning-model.ts';
export { MISCONFIGURED_MESSAGE, MisconfigurationError } from './model/model-failure.ts';
export type { ModelEvent, ReasoningModel, SentRequest, SolveRequest, Usage } from './model/reasoning-model.ts';
export { costOf, describePeriod, priceBook, type PriceOverrides } from './model/pricing.ts';
export {
  chooseProfile,
  PROVIDER_NAMES,
  PROVIDER_PROFILES,
  REASONING_EFFORTS,
  type ChosenProfile,
  type ProviderName,
  type ProviderProfile,
  type ReasoningEffort,
  type ReasoningField,
} from './model/provider-profiles.ts';
export { AD_HOC_POLICY, type Gate, type Policy } from './policy.ts';
export type { Actor, Attempt, PendingDelivery, Session, SessionStatus, SessionSummary } from './session.ts';
export { DELIVERY_CONFIRM_MS } from './rung-delivery.ts';
export { SOLVE_LEASE_MS, type SolveLease } from './solve-lease.ts';
export { createStore, SQLITE_FILE_NAME, type StoreConfig } from './store/create-store.ts';
export { createMemoryStore } from './store/memory-store.ts';
export { updateRecord, type Store, type Versioned } from './store/store.ts';
export { scopedStore } from './store/scoped-store.ts';
export { Tutor, type LapsedReply, type LapsedSolve, type OpenRequest, type ReplyHooks, type ReplyOutcome, type TutorDependencies } from './tutor.ts';
export type { Exchange, ExchangeOutcome, PendingReply, WithheldDraft } from './conversation/exchange.ts';
export { DEFAULT_CONVERSATION_LIMITS, type ConversationLimits } from './conversation/conversation-limits.ts';
export { FIRMER_INSTRUCTION, loadReplyPrompt, type ReplyPrompt } from './conversation/reply-prompt.ts';
export { readMessage, type ReadMessage } from './conversation/read-message.ts';
export { actionId, messageView, parseActionId, type Action, type ActionKind, type ActionRequest, type Delivery, type Tone, type View, type ViewPart } from './views.ts';
export { CHAT_COMMANDS, MAX_PROBLEM_OPTION_CHARS, type ChatCommand, type ChatSubcommand, type CommandOption } from './commands.ts';
export { describeProgress, throttle } from './progress-text.ts';
export { drawView, titleOf, type DrawnItem, type DrawnView } from './chat/drawn-view.ts';
export { splitText } from './chat/split-text.ts';
export type { MathRenderer, RenderedImage } from './math/index.ts';
export {
  describeGate,
  describePolicy,
  describeProblemSet,
  GATE_CHOICES,
  parseGate,
  findProblem,
  formatIssue,
  MAX_FILE_BYTES,
  MAX_PROBLEMS,
  parseProblemSet,
  PRACTICE_SET_POLICY,
  ProblemSetError,
  ProblemSetLibrary,
  resolvePolicy,
  type PolicySettings,
  type Problem,
  type ProblemInSet,
  type ProblemSet,
  type ProblemSetIssue,
  type ProblemSetSummary,
  type SaveResult,
  type StoredProblemSet,
} from './problemsets/index.ts';
export { Classroom, describeWarm, type ClassroomDependencies, type PracticeResult, type RenderedReport } from './classroom/classroom.ts';
export type { ClassReport, ProblemSummary, StudentProblemRow } from './classroom/class-report.ts';
export { LOCAL_SPACE, scopeOf, type Space } from './classroom/space.ts';
export { MAX_WARM_SAMPLES, type SampleAgreement, type SampleAnswer, type TokenPrices, type WarmEstimate, type WarmOptions, type WarmProblemResult, type WarmProgress, type WarmResult } from './classroom/warm-set.ts';
