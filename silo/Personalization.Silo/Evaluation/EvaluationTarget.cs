namespace Personalization.Silo.Evaluation;

/// <summary>
/// Which held-back item a run scores. <see cref="Test"/> is the published protocol's target; tuning and
/// model selection use <see cref="Validation"/>, which hides the test item from the system and from the
/// score alike, so no choice is ever made by looking at the numbers that get reported.
/// </summary>
public enum EvaluationTarget
{
    Test,
    Validation,
}
